-- The distribution of trusts' values for each indicator. Parameter: $f, the year's public
-- trust_distribution.parquet.

with published as (

    select * from read_parquet($f)

),

final as (

    select * from published

)

select * from final
order by indicator, breakdown
