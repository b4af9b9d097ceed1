-- Staging: NHS Staff Survey results by ethnicity, one row per trust, question and group, typed
-- as the contract says (wres_pipeline/contracts/staff_survey.toml). Input: raw_staff_survey.
with source as (

    select * from raw_staff_survey

),

trimmed as (

    select
        source_file,
        source_row,
        nullif(trim(survey_year), '') as survey_year,
        nullif(upper(trim(organisation_code)), '') as organisation_code,
        nullif(trim(question_code), '') as question_code,
        nullif(trim(ethnic_group), '') as ethnic_group,
        nullif(trim(respondents), '') as respondents,
        nullif(trim(positive), '') as positive
    from source

),

typed as (

    select
        source_file,
        source_row,
        try_cast(survey_year as integer) as survey_year,
        organisation_code,
        question_code,
        ethnic_group,
        try_cast(respondents as bigint) as respondents,
        try_cast(positive as bigint) as positive
    from trimmed

)

select * from typed
