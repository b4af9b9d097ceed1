-- Staging: NHS Staff Survey results by ethnicity, one row per trust, question and group, typed
-- as the contract says (wres_pipeline/contracts/staff_survey.toml). Input: raw.staff_survey.
-- Only plain digits are cast (DuckDB would round '12.5' or read '1e3'); anything else stays NULL.
-- A question code sent in another case takes the spelling of reference/survey_questions.csv
-- afterwards (the contract's `spellings_from`, wres_pipeline/ingest/staging.py).
with source as (

    select * from raw.staff_survey

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
        case when regexp_full_match(survey_year, '-?[0-9]+')
            then try_cast(survey_year as integer) end as survey_year,
        organisation_code,
        question_code,
        ethnic_group,
        case when regexp_full_match(respondents, '-?[0-9]+')
            then try_cast(respondents as bigint) end as respondents,
        case when regexp_full_match(positive, '-?[0-9]+')
            then try_cast(positive as bigint) end as positive
    from trimmed

)

select * from typed
