-- People, once each per trust (however many assignments they hold), with their WRES ethnic
-- group from the first character of the ethnic category: A-C White; D-S BME; Z, 99, X, blank and
-- anything unlisted Unknown (reference/ethnic_categories.csv). A person whose assignments carry
-- different categories takes the lowest code, so the choice is stable.
-- posts: the clinical flag and WRES grade of each of their assignments in scope, named as
-- indicator 1's breakdowns ('clinical:band_5', 'non_clinical:band_6'), sorted, separated by
-- spaces; two assignments in one post name it twice. Person-level: never published. Stored as
-- a view: its one reader, core/people_by_posts.sql, counts it once; storing it would write
-- another 1.5 million rows to the year's database.
with staff as (

    select organisation_code, person_id, ethnic_category,
           case when clinical then 'clinical:' else 'non_clinical:' end || wres_grade as post
    from core.staff_in_scope

),

people as (

    select organisation_code, person_id, min(ethnic_category) as ethnic_category,
           array_to_string(list_sort(list(post)), ' ') as posts
    from staff
    group by organisation_code, person_id

),

grouped as (

    select p.organisation_code, p.person_id, p.ethnic_category,
           coalesce(r.wres_group, 'unknown') as wres_group, p.posts
    from people as p
    left join reference.ethnic_categories as r
        on r.national_code = left(p.ethnic_category, 1)

)

select * from grouped
