-- Failing rows: an indicator value that is missing without a stated reason.
select year, level, area_code, indicator, measure, breakdown, "group"
from indicators.wres_indicators
where value is null and null_reason is null
