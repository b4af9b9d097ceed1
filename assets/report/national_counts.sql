-- How many of the year's public indicator rows are withheld, of how many. Parameter: $f, the
-- year's public indicators.parquet.

with published as (

    select * from read_parquet($f)

),

final as (

    select count(*) filter (where suppressed) as s, count(*) as n from published

)

select * from final
