-- Cross-extract reconciliation: one row per trust of the WRES year, putting its ESR staff beside
-- its return and its staff survey results. Staff are people in the WRES scope, once each
-- (assets/core/people.sql), counted in core.people_by_posts.
-- Beside them, the ESR rows whose ethnic category is not a code (free text that is no Data
-- Dictionary description): counted as Unknown, and an error when a trust sends too many.
-- Inputs: organisations.trusts_in_year, core.people_by_posts, validated.esr_staff_in_post,
-- validated.trust_return, validated.staff_survey.
with esr_values as (

    select organisation_code, source_file, source_row, ethnic_category,
           ethnic_category is not null and ethnic_category <> '99'
               and not regexp_full_match(ethnic_category, '[A-Z][0-9A-Z]?') as not_a_code
    from validated.esr_staff_in_post

),

uncoded as (

    select
        organisation_code,
        count(*) as esr_rows,
        count(*) filter (where not_a_code) as esr_uncoded,
        min(ethnic_category) filter (where not_a_code) as uncoded_example,
        min(source_file) filter (where not_a_code) as uncoded_file,
        array_to_string(list_slice(
            list(source_row order by source_row) filter (where not_a_code), 1, 5), ', ')
            as uncoded_rows
    from esr_values
    group by organisation_code

),

people_grouped as (

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

training as (

    -- Indicator 4's rate divides a group's staff accessing training by its ESR headcount:
    -- more than that headcount would put the rate above 100 %. A group with no ESR staff has
    -- no rate at all (the likelihood is undefined, with its reason), so it is not counted
    -- here: the missing staff are the reconciliation's other findings.
    select r.organisation_code,
           coalesce(max(r.accessed_non_mandatory_training - g.people)
                        filter (where g.people > 0), 0) as training_excess,
           string_agg(r.ethnic_group || ' ' || r.accessed_non_mandatory_training || ' of '
                      || g.people, ', ' order by r.ethnic_group)
               filter (where g.people > 0 and r.accessed_non_mandatory_training > g.people)
               as training_above_headcount
    from validated.trust_return as r
    left join (select organisation_code, wres_group, sum(people) as people
               from people_grouped group by all) as g
        on g.organisation_code = r.organisation_code and g.wres_group = lower(r.ethnic_group)
    where lower(r.ethnic_group) in ('white', 'bme')
    group by r.organisation_code

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
        s.organisation_code is not null as in_survey,
        coalesce(u.esr_rows, 0) as esr_rows,
        coalesce(u.esr_uncoded, 0) as esr_uncoded,
        u.esr_uncoded / nullif(u.esr_rows, 0) as uncoded_share,
        u.uncoded_example,
        u.uncoded_file,
        u.uncoded_rows,
        coalesce(tr.training_excess, 0) as training_excess,
        tr.training_above_headcount
    from organisations.trusts_in_year as t
    left join esr as e on e.organisation_code = t.organisation_code
    left join returns as r on r.organisation_code = t.organisation_code
    left join survey as s on s.organisation_code = t.organisation_code
    left join uncoded as u on u.organisation_code = t.organisation_code
    left join training as tr on tr.organisation_code = t.organisation_code

)

select * from final
order by organisation_code
