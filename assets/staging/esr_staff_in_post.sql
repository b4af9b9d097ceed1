-- Staging: ESR staff in post at 31 March, one row per assignment, typed as the contract says
-- (wres_pipeline/contracts/esr_staff_in_post.toml). Input: raw.esr_staff_in_post, every value
-- text as sent. A value that does not cast becomes NULL here; validation reports it by row.
-- An ethnic category sent as its NHS Data Dictionary description ("Asian or Asian British -
-- Indian", or ESR's "H Asian or Asian British - Indian") is read as its code when it is one of the
-- spellings in reference/ethnic_category_aliases.csv, compared whole after normalising case,
-- spaces and dashes; any other text is kept as sent, is never mapped (core/people.sql maps codes
-- only) and is reported by validation.
with source as (

    select * from raw.esr_staff_in_post

),

aliases as (

    select
        regexp_replace(regexp_replace(upper(trim(spelling)), '\s*[-‐-―]\s*', ' - ', 'g'),
                       '\s+', ' ', 'g') as spelling,
        national_code
    from reference.ethnic_category_aliases

),

trimmed as (

    select
        source_file,
        source_row,
        nullif(trim(snapshot_date), '') as snapshot_date,
        nullif(upper(trim(organisation_code)), '') as organisation_code,
        nullif(upper(trim(person_id)), '') as person_id,
        nullif(upper(trim(assignment_id)), '') as assignment_id,
        nullif(upper(trim(ethnic_category)), '') as ethnic_category,
        nullif(trim(pay_grade), '') as pay_grade,
        nullif(trim(staff_group), '') as staff_group,
        nullif(upper(trim(clinical)), '') as clinical,
        nullif(trim(assignment_category), '') as assignment_category,
        nullif(trim(fte), '') as fte
    from source

),

coded as (

    select t.* replace (coalesce(a.national_code, t.ethnic_category) as ethnic_category)
    from trimmed as t
    left join aliases as a
        on length(t.ethnic_category) > 2
        and a.spelling = regexp_replace(regexp_replace(t.ethnic_category,
                                                       '\s*[-‐-―]\s*', ' - ', 'g'),
                                        '\s+', ' ', 'g')

),

typed as (

    select
        source_file,
        source_row,
        try_strptime(snapshot_date, '%Y-%m-%d')::date as snapshot_date,
        organisation_code,
        person_id,
        assignment_id,
        ethnic_category,
        pay_grade,
        staff_group,
        case clinical when 'Y' then true when 'N' then false end as clinical,
        assignment_category,
        -- A plain decimal only: DuckDB would also read '1e0' or 'inf'.
        case when regexp_full_match(fte, '-?[0-9]*\.?[0-9]+')
            then try_cast(fte as decimal(6, 4)) end as fte
    from coded

)

select * from typed
