-- Each raw table's rows and quarantined rows, all rules together. Parameter: $f, the year's
-- public data_quality_tables.parquet.

with published as (

    select * from read_parquet($f)

),

final as (

    select * from published where rule = '(all)'

)

select * from final
order by "table"
