-- Model Employer: for each trust and senior band ($bands: 8a-8d, 9, VSM), the BME share the
-- trust aims for this year on a straight line from the band's share in the baseline year
-- ($baseline_year) to the trust's overall workforce BME share in the target year
-- ($target_year); the headcount that share means, and the gap in people (positive: BME staff
-- still needed). Shares are of all staff, unknowns included, as indicator 1 reports them.
-- Baseline counts come from the baseline year's published workforce counts, with predecessor
-- trusts pooled into today's trust (baseline_counts, already mapped). Parameters: $year,
-- $baseline_year, $target_year, $bands, $baseline_published.
with current_counts as (

    select organisation_code, breakdown,
           sum(events) filter (where wres_group = 'bme') as bme,
           max(population) as headcount
    from indicators.workforce_counts
    where breakdown = 'all' or breakdown in (select 'all:' || unnest($bands))
    group by organisation_code, breakdown

),

overall as (

    select organisation_code, cast(bme as double) / nullif(headcount, 0) as overall_share
    from current_counts
    where breakdown = 'all'

),

baseline as (

    select organisation_code, breakdown,
           cast(sum(events) filter (where wres_group = 'bme') as double)
               / nullif(sum(population) filter (where wres_group = 'bme'), 0) as baseline_share
    from baseline_counts
    group by organisation_code, breakdown

),

bands as (

    select c.organisation_code, replace(c.breakdown, 'all:', '') as band, c.headcount,
           c.bme, b.baseline_share, o.overall_share
    from current_counts as c
    inner join overall as o using (organisation_code)
    left join baseline as b using (organisation_code, breakdown)
    where c.breakdown <> 'all'

),

targets as (

    select *,
           case
               when $year < $baseline_year then null
               when $year >= $target_year then overall_share
               else baseline_share
                    + (overall_share - baseline_share)
                      * ($year - $baseline_year) / ($target_year - $baseline_year)
           end as target_share,
           case
               when $year < $baseline_year then 'before the baseline year'
               when $year < $target_year and not $baseline_published
                   then 'the baseline year has not been published'
               when $year < $target_year and baseline_share is null
                   then 'no baseline: the band had no staff in the baseline year'
           end as null_reason
    from bands

)

select
    cast($year as integer) as year,
    organisation_code,
    band,
    cast(headcount as bigint) as headcount,
    cast(bme as bigint) as bme_headcount,
    100 * cast(bme as double) / nullif(headcount, 0) as bme_share,
    100 * baseline_share as baseline_share,
    100 * overall_share as overall_share,
    100 * target_share as target_share,
    -- Whole people: the fewest BME staff that reach the target share (rounded up).
    cast(ceil(target_share * headcount - 1e-9) as bigint) as target_headcount,
    cast(ceil(target_share * headcount - 1e-9) - bme as bigint) as gap_people,
    cast($baseline_year as integer) as baseline_year,
    cast($target_year as integer) as target_year,
    null_reason
from targets
order by organisation_code, band
