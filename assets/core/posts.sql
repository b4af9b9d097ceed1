-- The distinct posts each person holds: one row per person, clinical flag and WRES grade group,
-- so that a person counts once in each band or grade they hold (and once only in each).
-- Person-level: never published. Stored as a view: its one reader,
-- indicators/workforce_counts.sql, computes it once; storing it would write another 1.5 million
-- rows to the year's database for nothing.
with staff as (

    select * from core.staff_in_scope

),

posts as (

    select distinct organisation_code, person_id, clinical, wres_grade
    from staff

),

grouped as (

    select p.*, pe.wres_group
    from posts as p
    inner join core.people as pe using (organisation_code, person_id)

)

select * from grouped
