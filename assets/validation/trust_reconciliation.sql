-- Cross-extract reconciliation: one row per trust of the WRES year, putting its ESR staff beside
-- its return and its staff survey results. Staff are people in the WRES scope, once each
-- (assets/core/people.sql), counted in core.people_by_posts.
-- Inputs: core.trusts_in_year, core.people_by_posts, validated.trust_return,
-- validated.staff_survey.
with people_grouped as (

    select organisation_code, wres_group, people
    from core.people_by_posts

),

esr as (

    select
        organisation_code,
        cast(sum(people) as bigint) as esr_headcount,
        cast(coalesce(sum(people) filter (where wres_group = 'unknown'), 0) as bigint)
            as esr_unknown
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
