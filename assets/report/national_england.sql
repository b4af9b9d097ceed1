-- England's figures in every published year up to the report's year, for the headline table
-- and the trend charts. Parameter: $files, each year's public indicators.parquet (LATEST).

with published as (

    select * from read_parquet($files)

),

final as (

    select year, indicator, measure, breakdown, "group", value
    from published
    where level = 'england'

)

select * from final
