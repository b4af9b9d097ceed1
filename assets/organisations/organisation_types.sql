-- Staging: the WRES trust type of each organisation (wres_pipeline/contracts/organisation_types.toml).
-- Input: raw.organisation_types.
with source as (

    select * from raw.organisation_types

),

typed as (

    select
        source_file,
        source_row,
        nullif(upper(trim(organisation_code)), '') as organisation_code,
        nullif(lower(trim(trust_type)), '') as trust_type,
        nullif(trim(source), '') as source
    from source

)

select * from typed
