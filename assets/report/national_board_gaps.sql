-- Every trust's voting-board gap of the year (BME share of voting members minus the
-- workforce's, percentage points), for the strip plot. Parameter: $f, the year's public
-- indicators.parquet.

with published as (

    select * from read_parquet($f)

),

final as (

    select value
    from published
    where level = 'trust' and indicator = 9 and measure = 'gap_pp'
      and breakdown = 'board_voting' and value is not null

)

select * from final
