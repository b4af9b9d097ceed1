-- The trend table of one edition: each headline measure (reference.trend_measures) for England,
-- every region, ICB and trust type, this year beside one and five years before, with the change
-- absolute and relative, for the value and for the count behind it (the numerator: BME staff,
-- appointments, respondents...). Earlier years come from what they published in the same
-- edition (earlier_values: each earlier year's own-year rows of its trend table), so a figure
-- an earlier public edition withheld stays withheld here.
-- Inputs: this_year (the edition's indicators), earlier_values, reference.trend_measures.
-- Parameter: $year.
with measures as (

    select cast(indicator as integer) as indicator, measure, breakdown, "group", label
    from reference.trend_measures

),

current_values as (

    select c.year, c.level, c.area_code, c.area_name, c.indicator, c.measure, c.breakdown,
           c."group", m.label, c.numerator, c.denominator, c.value,
           coalesce(c.suppressed, false) as suppressed, c.suppression_reason
    from this_year as c
    inner join measures as m using (indicator, measure, breakdown, "group")
    where c.level <> 'trust'

),

one_year as (

    select * from earlier_values where year = $year - 1

),

five_years as (

    select * from earlier_values where year = $year - 5

),

joined as (

    select c.*,
           o.value as value_1y_before, o.numerator as numerator_1y_before,
           f.value as value_5y_before, f.numerator as numerator_5y_before
    from current_values as c
    left join one_year as o using (level, area_code, indicator, measure, breakdown, "group")
    left join five_years as f using (level, area_code, indicator, measure, breakdown, "group")

)

select
    cast(year as integer) as year, level, area_code, area_name, indicator, measure, breakdown,
    "group", label, numerator, denominator, value,
    value_1y_before,
    value - value_1y_before as change_1y,
    100 * (value - value_1y_before) / nullif(abs(value_1y_before), 0) as change_1y_percent,
    numerator_1y_before,
    numerator - numerator_1y_before as numerator_change_1y,
    100.0 * (numerator - numerator_1y_before) / nullif(numerator_1y_before, 0)
        as numerator_change_1y_percent,
    value_5y_before,
    value - value_5y_before as change_5y,
    100 * (value - value_5y_before) / nullif(abs(value_5y_before), 0) as change_5y_percent,
    numerator_5y_before,
    numerator - numerator_5y_before as numerator_change_5y,
    100.0 * (numerator - numerator_5y_before) / nullif(numerator_5y_before, 0)
        as numerator_change_5y_percent,
    suppressed, suppression_reason
from joined
order by level, area_code, indicator, measure, breakdown, "group"
