-- England's headline figures, shown in the Dagster UI beside the year's indicators: every
-- relative likelihood and gap, and indicator 1's BME share of all staff.
-- Input: indicators.wres_indicators.
select indicator, measure, breakdown, "group", value, ci_lower, ci_upper
from indicators.wres_indicators
where level = 'england'
  and (measure in ('relative_likelihood', 'gap_pp')
       or (indicator = 1 and breakdown = 'all' and measure = 'share' and "group" = 'BME'))
order by indicator, measure, breakdown
