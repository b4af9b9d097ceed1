-- Indicators 2, 3, 4 and 9 counts per trust and group, from the trust returns and ESR
-- headcounts. Only trusts that sent a return appear (a trust's events are unknown otherwise).
--   2: appointed from shortlisting / shortlisted applicants
--   3: staff entering a formal disciplinary investigation / headcount, pooled over the window:
--      this year and, when $window = 2, the year before (prior_disciplinary: its inputs as it
--      published them, each predecessor trust pooled into today's by
--      organisations.current_code). detail records the years pooled for each trust.
--   4: staff accessing non-mandatory training or CPD / headcount
--   9: board voting, executive and non-executive (voting minus executive) members by group /
--      all such members; and the same trusts' workforce by group / all staff.
-- Parameters: $year, $window.
with returned as (

    select organisation_code, lower(ethnic_group) as wres_group, shortlisted_applicants,
           appointed_from_shortlisting, accessed_non_mandatory_training,
           board_voting_members, board_executive_members
    from validated.trust_return

),

headcount as (

    select organisation_code, wres_group, headcount
    from indicators.disciplinary_inputs

),

appointment as (

    select organisation_code, 2 as indicator, 'all' as breakdown, wres_group,
           appointed_from_shortlisting as events, shortlisted_applicants as population,
           cast(null as varchar) as detail
    from returned

),

prior as (

    select year, organisations.current_code(organisation_code) as organisation_code,
           wres_group, sum(entered) as entered, sum(headcount) as headcount
    from prior_disciplinary
    group by all

),

disciplinary_years as (

    select organisation_code, wres_group, entered, headcount, $year as source_year
    from indicators.disciplinary_inputs
    union all
    select p.organisation_code, p.wres_group, p.entered, p.headcount, p.year
    from prior as p
    where $window = 2
      and p.organisation_code in (select organisation_code from indicators.disciplinary_inputs)

),

disciplinary as (

    select organisation_code, 3 as indicator, 'all' as breakdown, wres_group,
           sum(entered) as events, sum(headcount) as population,
           'window_years=' || count(distinct source_year) as detail
    from disciplinary_years
    group by organisation_code, wres_group

),

training as (

    select r.organisation_code, 4 as indicator, 'all' as breakdown, r.wres_group,
           r.accessed_non_mandatory_training as events, h.headcount as population,
           cast(null as varchar) as detail
    from returned as r
    inner join headcount as h using (organisation_code, wres_group)

),

board as (

    select organisation_code, 9 as indicator, 'board_voting' as breakdown, wres_group,
           board_voting_members as events,
           sum(board_voting_members) over (partition by organisation_code) as population,
           cast(null as varchar) as detail
    from returned
    union all
    select organisation_code, 9, 'board_executive', wres_group, board_executive_members,
           sum(board_executive_members) over (partition by organisation_code), null
    from returned
    union all
    select organisation_code, 9, 'board_non_executive', wres_group,
           board_voting_members - board_executive_members,
           sum(board_voting_members - board_executive_members)
               over (partition by organisation_code), null
    from returned
    union all
    select organisation_code, 9, 'workforce', wres_group, headcount,
           sum(headcount) over (partition by organisation_code), null
    from headcount

),

final as (

    select * from appointment
    union all select * from disciplinary
    union all select * from training
    union all select * from board

)

select
    cast($year as integer) as year,
    organisation_code,
    indicator,
    breakdown,
    wres_group,
    cast(events as bigint) as events,
    cast(population as bigint) as population,
    detail
from final
order by organisation_code, indicator, breakdown, wres_group
