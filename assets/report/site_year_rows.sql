-- Every published indicator row of the site's year, band by band, as the public edition holds
-- it: each page's CSV file and the workbook carry them. Parameter: $indicators, the year's
-- public indicators.parquet.

with published as (

    select * from read_parquet($indicators)

),

final as (

    select
        level, area_code, area_name, indicator, measure, breakdown, "group", numerator,
        denominator, value, ci_lower, ci_upper, significant, adverse_significant,
        null_reason, detail, trusts, suppressed, suppression_reason
    from published

)

select * from final
order by level, area_code, indicator, measure, breakdown, "group"
