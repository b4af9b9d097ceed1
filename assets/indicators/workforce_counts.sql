-- Indicator 1 counts per trust: headcount by WRES ethnic group in every breakdown, with the
-- breakdown's total headcount (unknowns included) as the population. A person counts once in
-- the trust's total and once in each (clinical flag, grade) they hold.
-- Breakdowns: all; clinical:all and non_clinical:all; clinical:<grade> and non_clinical:<grade>
-- (clinical adds the medical and dental grades); all:<grade> (both together, for Model
-- Employer); all:<pooled band> ($pool_name: the grades $pool_grades together, each person
-- once, for Model Employer where single bands hold only a few people). Input:
-- core.people_by_posts, people counted by the set of posts they hold; a post's name is its
-- breakdown ('clinical:band_5'). Parameters: $year, $pool_name, $pool_grades.
with people_by_posts as (

    select organisation_code, wres_group, posts, people
    from core.people_by_posts

),

posts as (

    -- Each post in a set, once: two assignments in one post count once in it.
    select organisation_code, wres_group, posts, people,
           unnest(list_distinct(string_split(posts, ' '))) as post
    from people_by_posts

),

flags_held as (

    -- Each clinical flag a set of posts holds, once: a person with posts in several grades
    -- counts once under their clinical flag.
    select distinct organisation_code, wres_group, posts, people,
           split_part(post, ':', 1) as flag
    from posts

),

grades_held as (

    -- Each grade a set of posts holds, once: a person with clinical and non-clinical posts in
    -- a grade counts once in it.
    select distinct organisation_code, wres_group, posts, people,
           split_part(post, ':', 2) as wres_grade
    from posts
    union
    -- The pooled band, once for a person holding posts in any of its grades.
    select distinct organisation_code, wres_group, posts, people, $pool_name
    from posts
    where list_contains($pool_grades, split_part(post, ':', 2))

),

group_counts as (

    select organisation_code, post as breakdown, wres_group, sum(people) as events
    from posts
    group by organisation_code, post, wres_group
    union all
    select organisation_code, flag || ':all', wres_group, sum(people)
    from flags_held
    group by organisation_code, flag, wres_group
    union all
    select organisation_code, 'all:' || wres_grade, wres_group, sum(people)
    from grades_held
    group by organisation_code, wres_grade, wres_group
    union all
    select organisation_code, 'all', wres_group, sum(people)
    from people_by_posts
    group by organisation_code, wres_group

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
