-- Failing rows: a value or interval bound that is infinite or not a number.
select year, level, area_code, indicator, measure, breakdown, "group", value, ci_lower, ci_upper
from indicators.wres_indicators
where isinf(value) or isnan(value) or isinf(ci_lower) or isnan(ci_lower)
   or isinf(ci_upper) or isnan(ci_upper)
