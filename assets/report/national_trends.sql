-- England's rows of the year's trend table (one and five years). Parameter: $f, the year's
-- public trends.parquet.

with published as (

    select * from read_parquet($f)

),

final as (

    select * from published where level = 'england'

)

select * from final
order by indicator, breakdown, measure, "group"
