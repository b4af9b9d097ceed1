-- Indicator 3's single-year inputs per trust and group: staff entering a formal disciplinary
-- investigation (trust return) and headcount at 31 March (ESR people, core.people_by_posts).
-- Published for the next year, which pools them into its two-year window. Trusts without a
-- return have no events row. Parameter: $year.
with headcount as (

    select organisation_code, wres_group, sum(people) as headcount
    from core.people_by_posts
    group by organisation_code, wres_group

),

returned as (

    select organisation_code, lower(ethnic_group) as wres_group,
           entered_formal_disciplinary as entered
    from validated.trust_return

),

trusts_with_return as (

    select distinct organisation_code from returned

),

complete as (

    select t.organisation_code, g.wres_group,
           coalesce(r.entered, 0) as entered, coalesce(h.headcount, 0) as headcount
    from trusts_with_return as t
    cross join (values ('white'), ('bme'), ('unknown')) as g (wres_group)
    left join returned as r
        on r.organisation_code = t.organisation_code and r.wres_group = g.wres_group
    left join headcount as h
        on h.organisation_code = t.organisation_code and h.wres_group = g.wres_group

)

select cast($year as integer) as year, organisation_code, wres_group,
       cast(entered as bigint) as entered, cast(headcount as bigint) as headcount
from complete
order by organisation_code, wres_group
