-- The WRES indicators, one tidy row per year, level, area, indicator, measure, breakdown and
-- group, computed from indicators.counts with the same formulas at every level
-- (docs/methodology.md gives each rule and its source).
--   share           indicators 1 and 9: a group's headcount over everyone (unknowns included)
--   share_of_known  indicator 1: White or BME over staff of known ethnicity
--   rate            indicators 2-4: events over population, White and BME
--   unknown_share   indicators 2-4: the population's share with unknown ethnicity (excluded
--                   from the rates and likelihoods, reported beside them)
--   relative_likelihood  indicators 2-4: ratio of the two rates, oriented so that above 1 is
--                   adverse to BME staff; 95 % interval by the log method,
--                   SE = sqrt(1/a1 - 1/n1 + 1/a2 - 1/n2); null with a reason when a count is 0
--   percent         indicators 5-8: respondents giving the answer over respondents, by group
--   gap_pp          indicators 5-8: BME minus White percent; indicator 9: board BME share minus
--                   workforce BME share (percentage points)
-- Proportions carry a Wilson score interval. Parameters: $z (normal quantile of the confidence
-- level), $low and $high (the non-adverse range of the likelihoods).
with counts as (

    select * from indicators.counts

),

definitions as (

    select cast(indicator as integer) as indicator, rl_numerator_group, population_label,
           event_label
    from reference.indicators

),

known as (

    select year, level, area_code, indicator, breakdown,
           sum(events) filter (where wres_group in ('white', 'bme')) as known_population
    from counts
    where indicator = 1
    group by year, level, area_code, indicator, breakdown

),

proportions as (

    select year, level, area_code, area_name, indicator, 'share' as measure, breakdown,
           wres_group, events as x, population as n, detail, trusts
    from counts
    where indicator in (1, 9)

    union all

    select c.year, c.level, c.area_code, c.area_name, c.indicator, 'share_of_known',
           c.breakdown, c.wres_group, c.events, k.known_population, c.detail, c.trusts
    from counts as c
    inner join known as k using (year, level, area_code, indicator, breakdown)
    where c.indicator = 1 and c.wres_group in ('white', 'bme')

    union all

    select year, level, area_code, area_name, indicator, 'rate', breakdown, wres_group,
           events, population, detail, trusts
    from counts
    where indicator in (2, 3, 4) and wres_group in ('white', 'bme')

    union all

    select year, level, area_code, any_value(area_name), indicator, 'unknown_share',
           breakdown, 'unknown', sum(population) filter (where wres_group = 'unknown'),
           sum(population), any_value(detail), any_value(trusts)
    from counts
    where indicator in (2, 3, 4)
    group by year, level, area_code, indicator, breakdown

    union all

    select year, level, area_code, area_name, indicator, 'percent', breakdown, wres_group,
           events, population, detail, trusts
    from counts
    where indicator between 5 and 8

),

proportion_values as (

    select p.*, d.population_label,
           cast(x as double) / nullif(n, 0) as p_hat,
           $z * $z as z2
    from proportions as p
    inner join definitions as d using (indicator)

),

proportion_rows as (

    select year, level, area_code, area_name, indicator, measure, breakdown, wres_group,
           x as numerator, n as denominator,
           100 * p_hat as value,
           100 * ((p_hat + z2 / (2 * n)) - $z * sqrt(p_hat * (1 - p_hat) / n + z2 / (4 * n * n)))
               / (1 + z2 / n) as ci_lower,
           100 * ((p_hat + z2 / (2 * n)) + $z * sqrt(p_hat * (1 - p_hat) / n + z2 / (4 * n * n)))
               / (1 + z2 / n) as ci_upper,
           case when (n = 0 or n is null) and measure = 'share_of_known'
                    then 'no staff of known ethnicity'
                when n = 0 or n is null then 'no ' || population_label end as null_reason,
           detail, trusts
    from proportion_values

),

pairs as (

    select year, level, area_code, any_value(area_name) as area_name, indicator, breakdown,
           sum(events) filter (where wres_group = 'white') as white_events,
           sum(population) filter (where wres_group = 'white') as white_population,
           sum(events) filter (where wres_group = 'bme') as bme_events,
           sum(population) filter (where wres_group = 'bme') as bme_population,
           any_value(detail) as detail, any_value(trusts) as trusts
    from counts
    where indicator between 2 and 8
    group by year, level, area_code, indicator, breakdown

),

oriented as (

    select p.*, d.population_label, d.event_label,
           case d.rl_numerator_group when 'white' then white_events else bme_events end as a1,
           case d.rl_numerator_group when 'white' then white_population else bme_population end
               as n1,
           case d.rl_numerator_group when 'white' then bme_events else white_events end as a2,
           case d.rl_numerator_group when 'white' then bme_population else white_population end
               as n2,
           case
               when coalesce(white_population, 0) = 0 then 'no White ' || d.population_label
               when coalesce(bme_population, 0) = 0 then 'no BME ' || d.population_label
               when white_events = 0 and p.indicator <= 4
                   then 'no White ' || d.event_label || ': the relative likelihood is undefined'
               when bme_events = 0 and p.indicator <= 4
                   then 'no BME ' || d.event_label || ': the relative likelihood is undefined'
           end as null_reason
    from pairs as p
    inner join definitions as d using (indicator)

),

likelihood_rows as (

    select year, level, area_code, area_name, indicator, 'relative_likelihood' as measure,
           breakdown, 'all' as wres_group,
           cast(null as bigint) as numerator, cast(null as bigint) as denominator,
           value,
           exp(ln(value) - $z * se) as ci_lower,
           exp(ln(value) + $z * se) as ci_upper,
           null_reason, detail, trusts
    from (
        select o.*,
               case when null_reason is null
                   then (cast(a1 as double) / n1) / (cast(a2 as double) / n2) end as value,
               case when null_reason is null
                   then sqrt(1.0 / a1 - 1.0 / n1 + 1.0 / a2 - 1.0 / n2) end as se
        from oriented as o
        where indicator <= 4
    )

),

survey_gap_rows as (

    select year, level, area_code, area_name, indicator, 'gap_pp' as measure, breakdown,
           'all' as wres_group, cast(null as bigint) as numerator,
           cast(null as bigint) as denominator,
           case when null_reason is null then 100.0 * bme_events / bme_population
                                              - 100.0 * white_events / white_population end
               as value,
           cast(null as double) as ci_lower, cast(null as double) as ci_upper,
           null_reason, detail, trusts
    from oriented
    where indicator between 5 and 8

),

board_gap_rows as (

    select b.year, b.level, b.area_code, b.area_name, 9 as indicator, 'gap_pp' as measure,
           b.breakdown, 'all' as wres_group, cast(null as bigint) as numerator,
           cast(null as bigint) as denominator,
           100.0 * b.events / nullif(b.population, 0)
               - 100.0 * w.events / nullif(w.population, 0) as value,
           cast(null as double) as ci_lower, cast(null as double) as ci_upper,
           case when b.population = 0 then 'no board members recorded'
                when w.population = 0 then 'no staff' end as null_reason,
           b.detail, b.trusts
    from counts as b
    inner join counts as w
        on w.year = b.year and w.level = b.level and w.area_code = b.area_code
       and w.indicator = 9 and w.breakdown = 'workforce' and w.wres_group = 'bme'
    where b.indicator = 9 and b.breakdown in ('board_voting', 'board_executive')
      and b.wres_group = 'bme'

),

combined as (

    select * from proportion_rows
    union all select * from likelihood_rows
    union all select * from survey_gap_rows
    union all select * from board_gap_rows

)

select
    year,
    level,
    area_code,
    area_name,
    indicator,
    measure,
    breakdown,
    case wres_group when 'white' then 'White' when 'bme' then 'BME'
                    when 'unknown' then 'Unknown' else 'all' end as "group",
    numerator,
    denominator,
    case when null_reason is null then value end as value,
    case when null_reason is null then ci_lower end as ci_lower,
    case when null_reason is null then ci_upper end as ci_upper,
    case when measure = 'relative_likelihood' and null_reason is null
         then ci_lower > 1 or ci_upper < 1 end as significant,
    case when measure = 'relative_likelihood' and null_reason is null
         then ci_lower > 1 end as adverse_significant,
    case when measure = 'relative_likelihood' and null_reason is null
         then value < $low or value > $high end as outside_non_adverse_range,
    null_reason,
    detail,
    trusts
from combined
order by year, level, area_code, indicator, measure, breakdown, "group"
