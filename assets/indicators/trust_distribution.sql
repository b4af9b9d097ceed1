-- How trusts are spread on each headline measure: the relative likelihoods of indicators 2-4
-- and the percentage-point gaps of indicators 5-9. Every trust of the year is accounted for:
--   included  a trust with a value, or (likelihoods) with no events in the reference group
--             while the other group had some: an adverse result with no finite ratio, counted
--             above the non-adverse range
--   excluded  a trust with no comparison (a group with no population, no events in either
--             group, or no return or survey results at all), with the reasons and how many
-- Quartiles, minimum and maximum are of the included trusts' finite values; the shares above
-- the range and significantly adverse are of all included trusts (the reports' "at 80 % of
-- trusts ..." headlines). Inputs: indicators.wres_indicators, organisations.trusts_in_year.
-- Parameter: $high (top of the non-adverse range).
with measures as (

    select distinct year, indicator, measure, breakdown
    from indicators.wres_indicators
    where level = 'trust' and measure in ('relative_likelihood', 'gap_pp')

),

every_trust as (

    -- One row per trust of the year and measure, whether or not the trust has a row.
    select m.*, t.organisation_code
    from measures as m
    cross join organisations.trusts_in_year as t

),

trust_values as (

    select e.year, e.indicator, e.measure, e.breakdown, e.organisation_code, w.value,
           w.adverse_significant,
           w.value is null and coalesce(w.outside_non_adverse_range, false) as zero_reference,
           case
               when w.area_code is null and e.indicator between 5 and 8
                   then 'no staff survey results'
               when w.area_code is null then 'no return received'
               else w.null_reason
           end as reason
    from every_trust as e
    left join indicators.wres_indicators as w
        on w.level = 'trust' and w.area_code = e.organisation_code and w.year = e.year
       and w.indicator = e.indicator and w.measure = e.measure and w.breakdown = e.breakdown

),

classified as (

    select *, value is not null or zero_reference as included
    from trust_values

),

reasons as (

    select year, indicator, measure, breakdown,
           string_agg(reason || ' (' || trusts || ')', '; ' order by trusts desc, reason)
               as excluded_reasons
    from (
        select year, indicator, measure, breakdown, reason, count(*) as trusts
        from classified
        where not included
        group by all
    )
    group by all

),

summary as (

    select
        year, indicator, measure, breakdown,
        count(*) filter (where included) as trusts,
        count(*) filter (where zero_reference) as trusts_zero_reference,
        count(*) filter (where not included) as trusts_excluded,
        quantile_cont(value, 0.25) as lower_quartile,
        median(value) as median,
        quantile_cont(value, 0.75) as upper_quartile,
        min(value) as minimum,
        max(value) as maximum,
        case when measure = 'relative_likelihood'
             then count(*) filter (where value > $high or zero_reference) end
            as trusts_above_range,
        case when measure = 'relative_likelihood'
             then count(*) filter (where adverse_significant) end as trusts_adverse_significant
    from classified
    group by year, indicator, measure, breakdown

)

select
    s.year, s.indicator, s.measure, s.breakdown, s.trusts, s.trusts_zero_reference,
    s.trusts_excluded, r.excluded_reasons, s.lower_quartile, s.median, s.upper_quartile,
    s.minimum, s.maximum, s.trusts_above_range, s.trusts_adverse_significant,
    100.0 * s.trusts_above_range / nullif(s.trusts, 0) as percent_above_range,
    100.0 * s.trusts_adverse_significant / nullif(s.trusts, 0) as percent_adverse_significant
from summary as s
left join reasons as r using (year, indicator, measure, breakdown)
order by s.year, s.indicator, s.breakdown
