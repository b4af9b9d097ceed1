-- Cross-extract reconciliation: one row per trust of the WRES year, putting its ESR staff beside
-- its return and its staff survey results. Staff are counted as people (once each, whatever
-- their number of assignments) on assignments in the WRES scope; a person's ethnic group comes
-- from the first character of the ethnic category (reference/ethnic_categories.csv).
-- Inputs: core.trusts_in_year, validated.esr_staff_in_post, validated.trust_return,
-- validated.staff_survey, reference.assignment_categories, reference.ethnic_categories.
with in_scope as (

    select e.organisation_code, e.person_id, e.ethnic_category
    from validated.esr_staff_in_post as e
    inner join reference.assignment_categories as c
        on c.assignment_category = e.assignment_category
    where c.in_scope = 'true'

),

people as (

    select organisation_code, person_id, min(ethnic_category) as ethnic_category
    from in_scope
    group by organisation_code, person_id

),

people_grouped as (

    select p.organisation_code, coalesce(r.wres_group, 'unknown') as wres_group
    from people as p
    left join reference.ethnic_categories as r
        on r.national_code = left(p.ethnic_category, 1)

),

esr as (

    select
        organisation_code,
        count(*) as esr_headcount,
        count(*) filter (where wres_group = 'unknown') as esr_unknown
    from people_grouped
    group by organisation_code

),

returns as (

    select
        organisation_code,
        sum(declared_headcount) as declared_headcount,
        string_agg(distinct source_file, ', ' order by source_file) as return_files
    from validated.trust_return
    group by organisation_code

),

survey as (

    select organisation_code, sum(respondents) as survey_answers
    from validated.staff_survey
    group by organisation_code

),

final as (

    select
        t.organisation_code,
        t.organisation_name,
        t.region_name,
        t.trust_type,
        coalesce(e.esr_headcount, 0) as esr_headcount,
        coalesce(e.esr_unknown, 0) as esr_unknown,
        e.esr_unknown / nullif(e.esr_headcount, 0) as unknown_share,
        r.organisation_code is not null as has_return,
        r.return_files,
        r.declared_headcount,
        (r.declared_headcount - e.esr_headcount) / nullif(e.esr_headcount, 0)
            as declared_difference,
        s.organisation_code is not null as in_survey
    from core.trusts_in_year as t
    left join esr as e on e.organisation_code = t.organisation_code
    left join returns as r on r.organisation_code = t.organisation_code
    left join survey as s on s.organisation_code = t.organisation_code

)

select * from final
order by organisation_code
