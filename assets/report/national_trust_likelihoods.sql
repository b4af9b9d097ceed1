-- Every counted trust's relative likelihood of the year, for the strip plot: a value, or no
-- finite ratio (no events in the reference group; adverse), drawn at the right edge.
-- Parameter: $f, the year's public indicators.parquet.

with published as (

    select * from read_parquet($f)

),

final as (

    select indicator, coalesce(value, 'inf'::double) as value
    from published
    where level = 'trust' and measure = 'relative_likelihood'
      and (value is not null or outside_non_adverse_range)

)

select * from final
