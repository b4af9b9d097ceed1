-- People, once each per trust (however many assignments they hold), with their WRES ethnic
-- group from the first character of the ethnic category: A-C White; D-S BME; Z, 99, X, blank and
-- anything unlisted Unknown (reference/ethnic_categories.csv). A person whose assignments carry
-- different categories takes the lowest code, so the choice is stable. Person-level: never
-- published.
with staff as (

    select * from core.staff_in_scope

),

people as (

    select organisation_code, person_id, min(ethnic_category) as ethnic_category
    from staff
    group by organisation_code, person_id

),

grouped as (

    select p.organisation_code, p.person_id, p.ethnic_category,
           coalesce(r.wres_group, 'unknown') as wres_group
    from people as p
    left join reference.ethnic_categories as r
        on r.national_code = left(p.ethnic_category, 1)

)

select * from grouped
