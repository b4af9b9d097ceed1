-- Indicator 1 counts per trust: headcount by WRES ethnic group in every breakdown, with the
-- breakdown's total headcount (unknowns included) as the population. A person counts once in
-- the trust's total and once in each (clinical flag, grade) they hold.
-- Breakdowns: all; clinical:all and non_clinical:all; clinical:<grade> and non_clinical:<grade>
-- (clinical adds the medical and dental grades); all:<grade> (both together, for Model
-- Employer). Parameter: $year.
with posts as materialized (

    -- core.posts is a view (a distinct and a join); computed once here, read three times below.
    select * from core.posts

),

-- Count first, name the breakdowns after: four small groupings, not 6 million labelled rows.
by_flag_grade as (

    -- A post is one person in one (clinical flag, grade): each counts once.
    select organisation_code, clinical, wres_grade, wres_group, count(*) as events
    from posts
    group by organisation_code, clinical, wres_grade, wres_group

),

by_flag as (

    -- A person with posts in several grades counts once under their clinical flag.
    select organisation_code, clinical, wres_group, count(distinct person_id) as events
    from posts
    group by organisation_code, clinical, wres_group

),

by_grade as (

    -- A person with clinical and non-clinical posts in a grade counts once in it.
    select organisation_code, wres_grade, wres_group, count(distinct person_id) as events
    from posts
    group by organisation_code, wres_grade, wres_group

),

by_trust as (

    select organisation_code, wres_group, count(*) as events
    from core.people
    group by organisation_code, wres_group

),

group_counts as (

    select organisation_code,
           case when clinical then 'clinical' else 'non_clinical' end || ':' || wres_grade
               as breakdown,
           wres_group, events
    from by_flag_grade
    union all
    select organisation_code,
           case when clinical then 'clinical:all' else 'non_clinical:all' end,
           wres_group, events
    from by_flag
    union all
    select organisation_code, 'all:' || wres_grade, wres_group, events
    from by_grade
    union all
    select organisation_code, 'all', wres_group, events
    from by_trust

),

totals as (

    select organisation_code, breakdown, sum(events) as population
    from group_counts
    group by organisation_code, breakdown

),

complete as (

    -- Every group appears in every breakdown, with zero where a trust has none.
    select t.organisation_code, t.breakdown, g.wres_group,
           coalesce(c.events, 0) as events, t.population
    from totals as t
    cross join (values ('white'), ('bme'), ('unknown')) as g (wres_group)
    left join group_counts as c
        on c.organisation_code = t.organisation_code
       and c.breakdown = t.breakdown
       and c.wres_group = g.wres_group

)

select
    cast($year as integer) as year,
    organisation_code,
    1 as indicator,
    breakdown,
    wres_group,
    cast(events as bigint) as events,
    cast(population as bigint) as population,
    cast(null as varchar) as detail
from complete
order by organisation_code, breakdown, wres_group
