-- Every published year's counts in one table, with each trust's counts pooled into the trust
-- that runs its services today (organisations.current_code over the latest year's successor
-- map), so a trust's trend compares like with like across mergers; regions, trust types and
-- England are as each year published them.
-- Inputs: published_counts (all years' indicator counts), organisations.successor_map and
-- latest_trusts (the latest year's trusts, for today's names).
with trust_rows as (

    select c.*, organisations.current_code(c.area_code) as current_code
    from published_counts as c
    where c.level = 'trust'

),

pooled as (

    select year, 'trust' as level, current_code as area_code,
           coalesce(any_value(t.organisation_name), any_value(r.area_name)) as area_name,
           indicator, breakdown, wres_group, sum(events) as events,
           sum(population) as population,
           string_agg(distinct detail, '; ' order by detail) as detail,
           cast(count(distinct r.area_code) as integer) as trusts
    from trust_rows as r
    left join latest_trusts as t on t.organisation_code = r.current_code
    group by year, current_code, indicator, breakdown, wres_group

),

aggregates as (

    select year, level, area_code, area_name, indicator, breakdown, wres_group, events,
           population, detail, trusts
    from published_counts
    where level <> 'trust'

)

select * from pooled
union all
select * from aggregates
order by year, level, area_code, indicator, breakdown, wres_group
