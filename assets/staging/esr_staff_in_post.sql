-- Staging: ESR staff in post at 31 March, one row per assignment, typed as the contract says
-- (wres_pipeline/contracts/esr_staff_in_post.toml). Input: raw.esr_staff_in_post, every value
-- text as sent. A value that does not cast becomes NULL here; validation reports it by row.
-- A row-for-row projection of the raw rows (no join, filter or sort: validation lines the two
-- up by position). Coded values sent in another spelling (an NHS Data Dictionary description
-- for an ethnic category, `band 5`) are given their code afterwards, value by value, as the
-- contract's `aliases_from` and reference lists say (wres_pipeline/ingest/staging.py).
with source as (

    select * from raw.esr_staff_in_post

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
    from trimmed

)

select * from typed
