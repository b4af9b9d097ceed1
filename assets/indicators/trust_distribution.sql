-- How trusts are spread on each headline measure: the relative likelihoods of indicators 2-4
-- and the percentage-point gaps of indicators 5-9. Number of trusts with a value (and without),
-- quartiles, and for the likelihoods the number and share of trusts above the non-adverse range
-- and with a significantly adverse likelihood (the reports' "at 80 % of trusts ..." headlines).
-- Parameter: $high (top of the non-adverse range).
with trust_values as (

    select year, indicator, measure, breakdown, value, adverse_significant
    from indicators.wres_indicators
    where level = 'trust' and measure in ('relative_likelihood', 'gap_pp')

),

summary as (

    select
        year, indicator, measure, breakdown,
        count(value) as trusts,
        count(*) - count(value) as trusts_without_value,
        quantile_cont(value, 0.25) as lower_quartile,
        median(value) as median,
        quantile_cont(value, 0.75) as upper_quartile,
        min(value) as minimum,
        max(value) as maximum,
        case when measure = 'relative_likelihood'
             then count(*) filter (where value > $high) end as trusts_above_range,
        case when measure = 'relative_likelihood'
             then count(*) filter (where adverse_significant) end as trusts_adverse_significant
    from trust_values
    group by year, indicator, measure, breakdown

)

select
    *,
    100.0 * trusts_above_range / nullif(trusts, 0) as percent_above_range,
    100.0 * trusts_adverse_significant / nullif(trusts, 0) as percent_adverse_significant
from summary
order by year, indicator, breakdown
