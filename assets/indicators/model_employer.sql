-- Model Employer, in people: for each trust and senior band ($bands: 8a-8d, 9, VSM and the
-- pooled senior bands), the BME share the trust aims for this year on a straight line from the
-- band's share in the baseline year ($baseline_year) to the trust's goal share in the target
-- year ($target_year); the headcount that share means; how many more BME staff the band needs
-- now and by the target year; and whether the band is on its trajectory. Then the same summed
-- over the trusts of each ICB, region, trust type and England (each trust keeps its own target:
-- an area's "more needed" is the sum of its trusts' shortfalls).
-- Goal share ($goal): 'fixed' = the trust's overall BME share in the baseline year, raised to
-- this year's overall share if that is higher; 'moving' = this year's overall share. Either way
-- never below the band's own baseline share, so no trajectory asks a band to fall back.
-- Shares are of all staff, unknowns included, as indicator 1 reports them. Baseline counts are
-- the year's own in the baseline year; in a later year, the baseline year's counts as it
-- published them (baseline_published), each predecessor trust pooled into today's trust by
-- organisations.current_code.
-- Inputs: indicators.workforce_counts, baseline_published, organisations.trusts_in_year.
-- Parameters: $year, $baseline_year, $target_year, $bands, $baseline_published, $goal.
with current_counts as (

    select organisation_code, breakdown,
           sum(events) filter (where wres_group = 'bme') as bme,
           max(population) as headcount
    from indicators.workforce_counts
    where breakdown = 'all' or breakdown in (select 'all:' || unnest($bands))
    group by organisation_code, breakdown

),

baseline_counts as (

    select organisation_code, breakdown, wres_group, events, population
    from indicators.workforce_counts
    where $year = $baseline_year
    union all
    select organisations.current_code(area_code) as organisation_code, breakdown, wres_group,
           events, population
    from baseline_published
    where $year > $baseline_year and level = 'trust' and indicator = 1

),

baseline as (

    -- Population is the breakdown's total on each group's row: one group's rows, summed,
    -- pool predecessor trusts.
    select organisation_code, breakdown,
           cast(sum(events) filter (where wres_group = 'bme') as double)
               / nullif(sum(population) filter (where wres_group = 'bme'), 0)
               as baseline_share
    from baseline_counts
    where breakdown = 'all' or breakdown in (select 'all:' || unnest($bands))
    group by organisation_code, breakdown

),

overall as (

    select c.organisation_code, cast(c.bme as double) / nullif(c.headcount, 0) as overall_share,
           b.baseline_share as baseline_overall_share
    from current_counts as c
    left join baseline as b using (organisation_code, breakdown)
    where c.breakdown = 'all'

),

bands as (

    select c.organisation_code, replace(c.breakdown, 'all:', '') as band, c.headcount,
           c.bme, b.baseline_share, o.overall_share,
           greatest(case when $goal = 'moving' then o.overall_share
                         else greatest(coalesce(o.baseline_overall_share, o.overall_share),
                                       o.overall_share) end,
                    coalesce(b.baseline_share, 0)) as goal_share
    from current_counts as c
    inner join overall as o using (organisation_code)
    left join baseline as b using (organisation_code, breakdown)
    where c.breakdown <> 'all'

),

targets as (

    select *,
           case
               when $year < $baseline_year then null
               when $year >= $target_year then goal_share
               when not $baseline_published then null
               else baseline_share
                    + (goal_share - baseline_share)
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

),

trust_rows as (

    -- Whole people: the fewest BME staff reaching a share (rounded up).
    select t.*, i.organisation_name, i.icb_code, i.icb_name, i.region_code, i.region_name,
           i.trust_type,
           cast(ceil(target_share * headcount - 1e-9) as bigint) as target_headcount,
           cast(ceil(goal_share * headcount - 1e-9) as bigint) as goal_headcount
    from targets as t
    inner join organisations.trusts_in_year as i using (organisation_code)

),

trust_level as (

    select 'trust' as level, organisation_code as area_code, organisation_name as area_name,
           band, headcount, bme, baseline_share, overall_share, goal_share, target_share,
           target_headcount, target_headcount - bme as gap_people,
           -- greatest() skips nulls: a band without a target needs no stated number now.
           case when target_headcount is not null
                then greatest(target_headcount - bme, 0) end as more_needed_now,
           greatest(goal_headcount - bme, 0) as more_needed_by_target_year,
           bme >= target_headcount as on_trajectory,
           1 as trusts, cast(target_share is not null as integer) as trusts_with_target,
           cast(coalesce(bme >= target_headcount, false) as integer) as trusts_on_trajectory,
           null_reason
    from trust_rows

),

by_area as (

    select level, area_code, any_value(area_name) as area_name, band,
           sum(headcount) as headcount, sum(bme) as bme,
           sum(target_headcount) as target_headcount,
           sum(target_headcount - bme) filter (where target_headcount is not null)
               as gap_people,
           sum(greatest(target_headcount - bme, 0)) filter (where target_headcount is not null)
               as more_needed_now,
           sum(greatest(goal_headcount - bme, 0)) as more_needed_by_target_year,
           count(*) as trusts, count(target_headcount) as trusts_with_target,
           count(*) filter (where bme >= target_headcount) as trusts_on_trajectory,
           case when count(target_headcount) = 0
                then any_value(null_reason) end as null_reason
    from (
        select 'icb' as level, icb_code as area_code, icb_name as area_name, * from trust_rows
        union all
        select 'region', region_code, region_name, * from trust_rows
        union all
        select 'trust_type', trust_type, trust_type, * from trust_rows
        union all
        select 'england', 'E92000001', 'England', * from trust_rows
    )
    group by level, area_code, band

),

area_level as (

    select level, area_code, area_name, band, headcount, bme,
           cast(null as double) as baseline_share, cast(null as double) as overall_share,
           cast(null as double) as goal_share, cast(null as double) as target_share,
           target_headcount, gap_people, more_needed_now, more_needed_by_target_year,
           cast(null as boolean) as on_trajectory, trusts, trusts_with_target,
           trusts_on_trajectory, null_reason
    from by_area

)

select
    cast($year as integer) as year,
    level,
    area_code,
    area_name,
    band,
    cast(headcount as bigint) as headcount,
    cast(bme as bigint) as bme_headcount,
    100 * cast(bme as double) / nullif(headcount, 0) as bme_share,
    100 * baseline_share as baseline_share,
    100 * overall_share as overall_share,
    100 * goal_share as goal_share,
    100 * target_share as target_share,
    cast(target_headcount as bigint) as target_headcount,
    cast(gap_people as bigint) as gap_people,
    cast(more_needed_now as bigint) as more_needed_now,
    cast(more_needed_by_target_year as bigint) as more_needed_by_target_year,
    on_trajectory,
    cast(trusts as integer) as trusts,
    cast(trusts_with_target as integer) as trusts_with_target,
    cast(trusts_on_trajectory as integer) as trusts_on_trajectory,
    cast($baseline_year as integer) as baseline_year,
    cast($target_year as integer) as target_year,
    null_reason
from (select * from trust_level union all select * from area_level)
order by level, area_code, band
