-- People, once each per trust (however many assignments they hold), with their WRES ethnic
-- group. Only a value that is an ethnic category code is mapped: the national code is the whole
-- value `99`, or the first character of a one- or two-character code (ESR's local sub-code is
-- the second), looked up in reference/ethnic_categories.csv: A-C White; D-S BME; Z, 99, X
-- Unknown. Blank, unlisted codes and any other text are Unknown: free text is never read by its
-- first letter (descriptions were turned into codes in staging, and validation reports the
-- rest). A person whose assignments carry different codes takes the lowest national code, so
-- the choice is stable.
-- posts: the clinical flag and WRES grade of each of their assignments in scope, named as
-- indicator 1's breakdowns ('clinical:band_5', 'non_clinical:band_6'), sorted, separated by
-- spaces; two assignments in one post name it twice. Person-level: never published. Stored as
-- a view: its one reader, core/people_by_posts.sql, counts it once; storing it would write
-- another 1.5 million rows to the year's database.
with staff as (

    select organisation_code, person_id,
           case
               when ethnic_category = '99' then '99'
               when regexp_full_match(ethnic_category, '[A-Z][0-9A-Z]?')
                   then substr(ethnic_category, 1, 1)
           end as national_code,
           case when clinical then 'clinical:' else 'non_clinical:' end || wres_grade as post
    from core.staff_in_scope

),

people as (

    select organisation_code, person_id, min(national_code) as national_code,
           array_to_string(list_sort(list(post)), ' ') as posts
    from staff
    group by organisation_code, person_id

),

grouped as (

    select p.organisation_code, p.person_id, p.national_code,
           coalesce(r.wres_group, 'unknown') as wres_group, p.posts
    from people as p
    left join reference.ethnic_categories as r on r.national_code = p.national_code

)

select * from grouped
