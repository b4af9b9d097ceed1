-- Indicators 5-8 counts per trust and group: respondents giving the indicator's answer over
-- respondents answering the question, from the NHS Staff Survey of autumn Y-1. The question of
-- each indicator in that survey year comes from reference/survey_questions.csv; detail keeps it.
-- Parameter: $year.
with questions as (

    select cast(indicator as integer) as indicator, question_code
    from reference.survey_questions
    where cast(survey_year as integer) = $year - 1

),

answers as (

    select s.organisation_code, q.indicator, lower(s.ethnic_group) as wres_group,
           s.positive, s.respondents, s.question_code
    from validated.staff_survey as s
    inner join questions as q using (question_code)

)

select
    cast($year as integer) as year,
    organisation_code,
    indicator,
    'all' as breakdown,
    wres_group,
    cast(positive as bigint) as events,
    cast(respondents as bigint) as population,
    question_code as detail
from answers
order by organisation_code, indicator, wres_group
