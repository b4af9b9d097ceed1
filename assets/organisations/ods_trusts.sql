-- Staging: the ODS NHS trusts file (etr.csv, headerless ODS layout), typed as the contract says
-- (wres_pipeline/contracts/ods_trusts.toml). Input: raw.ods_trusts. ODS writes dates YYYYMMDD.
with source as (

    select * from raw.ods_trusts

),

trimmed as (

    select
        source_file,
        source_row,
        nullif(upper(trim(organisation_code)), '') as organisation_code,
        nullif(trim(organisation_name), '') as organisation_name,
        nullif(upper(trim(region_code)), '') as region_code,
        nullif(upper(trim(icb_code)), '') as icb_code,
        nullif(trim(postcode), '') as postcode,
        nullif(trim(open_date), '') as open_date,
        nullif(trim(close_date), '') as close_date
    from source

),

typed as (

    select
        source_file,
        source_row,
        organisation_code,
        organisation_name,
        region_code,
        icb_code,
        postcode,
        try_strptime(open_date, '%Y%m%d')::date as open_date,
        try_strptime(close_date, '%Y%m%d')::date as close_date
    from trimmed

)

select * from typed
