-- Every indicator's counts at every level: each trust of the year, and pooled (summed) by
-- integrated care board (ICB), by NHS England region, by trust type and for England. Pooling counts, not averaging trusts' values,
-- is how the aggregates are formed; the same formulas then apply at every level.
-- Inputs: the trust counts (workforce_counts, return_counts, survey_counts) and
-- organisations.trusts_in_year; reference.trust_types for type names.
with trust_counts as (

    select * from indicators.workforce_counts
    union all select * from indicators.return_counts
    union all select * from indicators.survey_counts

),

located as (

    select c.*, t.organisation_name, t.icb_code, t.icb_name, t.region_code, t.region_name,
           t.trust_type,
           tt.label as trust_type_name
    from trust_counts as c
    inner join organisations.trusts_in_year as t using (organisation_code)
    left join reference.trust_types as tt on tt.trust_type = t.trust_type

),

trust_level as (

    select year, 'trust' as level, organisation_code as area_code,
           organisation_name as area_name, indicator, breakdown, wres_group,
           events, population, detail, 1 as trusts
    from located

),

icb_level as (

    select year, 'icb', icb_code, any_value(icb_name), indicator, breakdown, wres_group,
           sum(events), sum(population), string_agg(distinct detail, '; ' order by detail),
           count(*)
    from located
    group by year, icb_code, indicator, breakdown, wres_group

),

region_level as (

    select year, 'region', region_code, any_value(region_name), indicator, breakdown,
           wres_group, sum(events), sum(population),
           string_agg(distinct detail, '; ' order by detail), count(*)
    from located
    group by year, region_code, indicator, breakdown, wres_group

),

type_level as (

    select year, 'trust_type', trust_type, any_value(trust_type_name), indicator, breakdown,
           wres_group, sum(events), sum(population),
           string_agg(distinct detail, '; ' order by detail), count(*)
    from located
    group by year, trust_type, indicator, breakdown, wres_group

),

england_level as (

    select year, 'england', 'E92000001', 'England', indicator, breakdown, wres_group,
           sum(events), sum(population), string_agg(distinct detail, '; ' order by detail),
           count(*)
    from located
    group by year, indicator, breakdown, wres_group

),

final as (

    select * from trust_level
    union all select * from icb_level
    union all select * from region_level
    union all select * from type_level
    union all select * from england_level

)

select
    year, level, area_code, area_name, indicator, breakdown, wres_group,
    cast(events as bigint) as events, cast(population as bigint) as population, detail,
    cast(trusts as integer) as trusts
from final
order by year, level, area_code, indicator, breakdown, wres_group
