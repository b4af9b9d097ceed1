-- The WRES indicators, one tidy row per year, level, area, indicator, measure, breakdown and
-- group, computed from indicators.counts with the same formulas at every level
-- (docs/methodology.md gives each rule and its source).
--   share           indicators 1 and 9: a group's headcount over everyone (unknowns included)
--   share_of_known  indicator 1: White or BME over staff of known ethnicity
--   rate            indicators 2-4: events over population, White and BME (Wilson interval)
--   unknown_share   indicators 2-4: the population's share with unknown ethnicity (excluded
--                   from the rates and likelihoods, reported beside them)
--   relative_likelihood  indicators 2-4: ratio of the two rates, oriented so that above 1 is
--                   adverse to BME staff (a1/n1 over a2/n2). Interval: the log method,
--                   SE = sqrt(1/a1 - 1/n1 + 1/a2 - 1/n2), where both groups have events and
--                   not both are at 100 %; otherwise (a boundary count, where the log method
--                   is undefined or has zero width) MOVER-R from the two Wilson intervals.
--                   A likelihood of 0 (no events on top) is a value with lower bound 0; no
--                   events in the reference group while the other has some is an adverse
--                   result with no finite ratio: value and upper bound null, lower bound set,
--                   flagged outside the non-adverse range.
--   percent         indicators 5-8: respondents giving the answer over respondents, by group
--                   (Wilson interval)
--   gap_pp          indicators 5-8: BME minus White percent, Newcombe's hybrid score interval;
--                   indicator 9: board BME share minus workforce BME share (percentage
--                   points; census counts, no interval)
-- Census shares (indicator 1, board and workforce shares, unknown shares) count everyone, so
-- they carry no sampling interval. Parameters: $z (normal quantile of the confidence level),
-- $low and $high (the non-adverse range of the likelihoods).
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
           case when measure in ('rate', 'percent') then 100 * ((p_hat + z2 / (2 * n))
               - $z * sqrt(greatest(0, p_hat * (1 - p_hat) / n + z2 / (4 * n * n)))) / (1 + z2 / n)
           end as ci_lower,
           case when measure in ('rate', 'percent') then 100 * ((p_hat + z2 / (2 * n))
               + $z * sqrt(greatest(0, p_hat * (1 - p_hat) / n + z2 / (4 * n * n)))) / (1 + z2 / n)
           end as ci_upper,
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
           case d.rl_numerator_group when 'white' then 'White' else 'BME' end as top_label,
           case d.rl_numerator_group when 'white' then 'BME' else 'White' end as reference_label,
           case d.rl_numerator_group when 'white' then white_events else bme_events end as a1,
           case d.rl_numerator_group when 'white' then white_population else bme_population end
               as n1,
           case d.rl_numerator_group when 'white' then bme_events else white_events end as a2,
           case d.rl_numerator_group when 'white' then bme_population else white_population end
               as n2
    from pairs as p
    inner join definitions as d using (indicator)

),

classified as (

    -- What kind of comparison the counts allow. 'undefined' has no value and no interval.
    select *,
           case
               when coalesce(white_population, 0) = 0 or coalesce(bme_population, 0) = 0
                   then 'undefined'
               when indicator > 4 then 'value'
               when a1 = 0 and a2 = 0 then 'undefined'
               when a2 = 0 then 'reference_zero'
               else 'value'
           end as kind,
           case
               when coalesce(white_population, 0) = 0 then 'no White ' || population_label
               when coalesce(bme_population, 0) = 0 then 'no BME ' || population_label
               when indicator <= 4 and a1 = 0 and a2 = 0
                   then 'no White or BME ' || event_label
                        || ': the relative likelihood is undefined'
               when indicator <= 4 and a2 = 0
                   then 'no ' || reference_label || ' ' || event_label || ' (but some '
                        || top_label || '): adverse, with no finite relative likelihood'
           end as null_reason
    from oriented

),

wilson_bounds as (

    -- Wilson score bounds of both oriented rates, for the boundary interval below.
    select *,
           cast(a1 as double) / n1 as p1, cast(a2 as double) / n2 as p2,
           ((cast(a1 as double) / n1 + $z * $z / (2 * n1)) - $z * sqrt(greatest(0,
               (cast(a1 as double) / n1) * (1 - cast(a1 as double) / n1) / n1
               + $z * $z / (4 * n1 * n1)))) / (1 + $z * $z / n1) as l1,
           ((cast(a1 as double) / n1 + $z * $z / (2 * n1)) + $z * sqrt(greatest(0,
               (cast(a1 as double) / n1) * (1 - cast(a1 as double) / n1) / n1
               + $z * $z / (4 * n1 * n1)))) / (1 + $z * $z / n1) as u1,
           ((cast(a2 as double) / n2 + $z * $z / (2 * n2)) - $z * sqrt(greatest(0,
               (cast(a2 as double) / n2) * (1 - cast(a2 as double) / n2) / n2
               + $z * $z / (4 * n2 * n2)))) / (1 + $z * $z / n2) as l2,
           ((cast(a2 as double) / n2 + $z * $z / (2 * n2)) + $z * sqrt(greatest(0,
               (cast(a2 as double) / n2) * (1 - cast(a2 as double) / n2) / n2
               + $z * $z / (4 * n2 * n2)))) / (1 + $z * $z / n2) as u2
    from classified
    where kind <> 'undefined'

),

likelihood_values as (

    -- Log method inside the boundaries; MOVER-R (Zou and Donner 2008, with Wilson limits, as
    -- recommended by Fagerland, Lydersen and Laake 2015) where a count is 0 or both groups
    -- are at 100 %. greatest(0, ...) guards rounding just below zero inside the roots.
    select *,
           a1 > 0 and a2 > 0 and not (a1 = n1 and a2 = n2) as log_method,
           case when kind = 'value' then p1 / p2 end as value,
           case
               when a1 > 0 and a2 > 0 and not (a1 = n1 and a2 = n2)
                   then exp(ln(p1 / p2) - $z * sqrt(greatest(0, 1.0 / a1 - 1.0 / n1 + 1.0 / a2 - 1.0 / n2)))
               else (p1 * p2 - sqrt(greatest(0, (p1 * p2) * (p1 * p2)
                                     - l1 * u2 * (2 * p1 - l1) * (2 * p2 - u2))))
                    / (u2 * (2 * p2 - u2))
           end as lower_bound,
           case
               when a1 > 0 and a2 > 0 and not (a1 = n1 and a2 = n2)
                   then exp(ln(p1 / p2) + $z * sqrt(greatest(0, 1.0 / a1 - 1.0 / n1 + 1.0 / a2 - 1.0 / n2)))
               when a2 = 0 then null
               else (p1 * p2 + sqrt(greatest(0, (p1 * p2) * (p1 * p2)
                                     - u1 * l2 * (2 * p1 - u1) * (2 * p2 - l2))))
                    / (l2 * (2 * p2 - l2))
           end as upper_bound
    from wilson_bounds
    where indicator <= 4

),

likelihood_rows as (

    select c.year, c.level, c.area_code, c.area_name, c.indicator,
           'relative_likelihood' as measure, c.breakdown, 'all' as wres_group,
           cast(null as bigint) as numerator, cast(null as bigint) as denominator,
           v.value, greatest(v.lower_bound, 0) as ci_lower, v.upper_bound as ci_upper,
           c.null_reason, c.detail, c.trusts, c.kind
    from classified as c
    left join likelihood_values as v using (year, level, area_code, indicator, breakdown)
    where c.indicator <= 4

),

survey_gap_rows as (

    -- Newcombe's hybrid score interval for a difference of proportions (Newcombe 1998,
    -- method 10) from the two groups' Wilson bounds. Indicators 5-8 name no group on top, so
    -- their oriented rates are BME (p1) and White (p2): the gap is BME minus White.
    select c.year, c.level, c.area_code, c.area_name, c.indicator, 'gap_pp' as measure,
           c.breakdown, 'all' as wres_group, cast(null as bigint) as numerator,
           cast(null as bigint) as denominator,
           100 * (w.p1 - w.p2) as value,
           100 * ((w.p1 - w.p2) - sqrt(power(w.p1 - w.l1, 2) + power(w.u2 - w.p2, 2)))
               as ci_lower,
           100 * ((w.p1 - w.p2) + sqrt(power(w.u1 - w.p1, 2) + power(w.p2 - w.l2, 2)))
               as ci_upper,
           c.null_reason, c.detail, c.trusts, c.kind
    from classified as c
    left join wilson_bounds as w using (year, level, area_code, indicator, breakdown)
    where c.indicator between 5 and 8

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
           b.detail, b.trusts,
           case when b.population = 0 or w.population = 0 then 'undefined' else 'value' end
    from counts as b
    inner join counts as w
        on w.year = b.year and w.level = b.level and w.area_code = b.area_code
       and w.indicator = 9 and w.breakdown = 'workforce' and w.wres_group = 'bme'
    where b.indicator = 9 and b.breakdown like 'board_%' and b.wres_group = 'bme'

),

combined as (

    select *, case when null_reason is null then 'value' else 'undefined' end as kind
    from proportion_rows
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
    case when kind = 'value' then value end as value,
    case when kind <> 'undefined' then ci_lower end as ci_lower,
    case when kind = 'value' then ci_upper end as ci_upper,
    case when measure = 'relative_likelihood' and kind <> 'undefined'
         then ci_lower > 1 or coalesce(ci_upper < 1, false) end as significant,
    case when measure = 'relative_likelihood' and kind <> 'undefined'
         then ci_lower > 1 end as adverse_significant,
    case when measure = 'relative_likelihood' and kind = 'reference_zero' then true
         when measure = 'relative_likelihood' and kind = 'value'
         then value < $low or value > $high end as outside_non_adverse_range,
    null_reason,
    detail,
    trusts
from combined
order by year, level, area_code, indicator, measure, breakdown, "group"
