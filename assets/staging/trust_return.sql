-- Staging: trust WRES returns, one row per trust and ethnic group, typed as the contract says
-- (wres_pipeline/contracts/trust_return.toml). Input: raw_trust_return, every value text as
-- sent, from all the year's return files. Counts must be whole numbers: '12.5' does not cast.
with source as (

    select * from raw_trust_return

),

trimmed as (

    select
        source_file,
        source_row,
        nullif(trim(reporting_year), '') as reporting_year,
        nullif(upper(trim(organisation_code)), '') as organisation_code,
        nullif(trim(ethnic_group), '') as ethnic_group,
        nullif(trim(shortlisted_applicants), '') as shortlisted_applicants,
        nullif(trim(appointed_from_shortlisting), '') as appointed_from_shortlisting,
        nullif(trim(entered_formal_disciplinary), '') as entered_formal_disciplinary,
        nullif(trim(accessed_non_mandatory_training), '') as accessed_non_mandatory_training,
        nullif(trim(board_voting_members), '') as board_voting_members,
        nullif(trim(board_executive_members), '') as board_executive_members,
        nullif(trim(declared_headcount), '') as declared_headcount
    from source

),

typed as (

    select
        source_file,
        source_row,
        try_cast(reporting_year as integer) as reporting_year,
        organisation_code,
        ethnic_group,
        try_cast(shortlisted_applicants as bigint) as shortlisted_applicants,
        try_cast(appointed_from_shortlisting as bigint) as appointed_from_shortlisting,
        try_cast(entered_formal_disciplinary as bigint) as entered_formal_disciplinary,
        try_cast(accessed_non_mandatory_training as bigint) as accessed_non_mandatory_training,
        try_cast(board_voting_members as bigint) as board_voting_members,
        try_cast(board_executive_members as bigint) as board_executive_members,
        try_cast(declared_headcount as bigint) as declared_headcount
    from trimmed

)

select * from typed
