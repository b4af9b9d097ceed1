-- Staging: trust WRES returns, one row per trust and ethnic group, typed as the contract says
-- (wres_pipeline/contracts/trust_return.toml). Input: raw.trust_return, every value text as
-- sent, from all the year's return files. Counts must be plain whole numbers: DuckDB would
-- round '12.5' or read '1e3' as a number, so only digits are cast; anything else stays NULL.
with source as (

    select * from raw.trust_return

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
        case when regexp_full_match(reporting_year, '-?[0-9]+')
            then try_cast(reporting_year as integer) end as reporting_year,
        organisation_code,
        ethnic_group,
        case when regexp_full_match(shortlisted_applicants, '-?[0-9]+')
            then try_cast(shortlisted_applicants as bigint) end as shortlisted_applicants,
        case when regexp_full_match(appointed_from_shortlisting, '-?[0-9]+')
            then try_cast(appointed_from_shortlisting as bigint) end as appointed_from_shortlisting,
        case when regexp_full_match(entered_formal_disciplinary, '-?[0-9]+')
            then try_cast(entered_formal_disciplinary as bigint) end as entered_formal_disciplinary,
        case when regexp_full_match(accessed_non_mandatory_training, '-?[0-9]+')
            then try_cast(accessed_non_mandatory_training as bigint) end as accessed_non_mandatory_training,
        case when regexp_full_match(board_voting_members, '-?[0-9]+')
            then try_cast(board_voting_members as bigint) end as board_voting_members,
        case when regexp_full_match(board_executive_members, '-?[0-9]+')
            then try_cast(board_executive_members as bigint) end as board_executive_members,
        case when regexp_full_match(declared_headcount, '-?[0-9]+')
            then try_cast(declared_headcount as bigint) end as declared_headcount
    from trimmed

)

select * from typed
