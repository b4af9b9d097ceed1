-- Staging: which trust succeeded a merged, acquired or dissolved trust, and from when
-- (wres_pipeline/contracts/trust_successors.toml). Input: raw.trust_successors.
with source as (

    select * from raw.trust_successors

),

trimmed as (

    select
        source_file,
        source_row,
        nullif(upper(trim(predecessor_code)), '') as predecessor_code,
        nullif(upper(trim(successor_code)), '') as successor_code,
        nullif(trim(effective_date), '') as effective_date,
        nullif(trim(note), '') as note
    from source

),

typed as (

    select
        source_file,
        source_row,
        predecessor_code,
        successor_code,
        try_strptime(effective_date, '%Y-%m-%d')::date as effective_date,
        note
    from trimmed

)

select * from typed
