-- Failing rows: a relative likelihood that is not the ratio of its two published rates (White
-- over BME for indicators 2 and 4, BME over White for indicator 3), to 1e-9.
with rates as (

    select year, level, area_code, indicator, breakdown,
           max(value) filter (where "group" = 'White') as white_rate,
           max(value) filter (where "group" = 'BME') as bme_rate
    from indicators.wres_indicators
    where measure = 'rate'
    group by year, level, area_code, indicator, breakdown

),

likelihoods as (

    select year, level, area_code, indicator, breakdown, value
    from indicators.wres_indicators
    where measure = 'relative_likelihood' and value is not null

)

select l.*, r.white_rate, r.bme_rate
from likelihoods as l
inner join rates as r using (year, level, area_code, indicator, breakdown)
where abs(l.value - case when l.indicator = 3 then r.bme_rate / r.white_rate
                         else r.white_rate / r.bme_rate end) > 1e-9 * l.value
