-- Each trust's data-quality facts (returns missing, unknown ethnicity). Parameter: $f, the
-- year's public data_quality_trusts.parquet.

with published as (

    select * from read_parquet($f)

),

final as (

    select * from published

)

select * from final
