-- Model Employer for England and the regions, band by band. Parameter: $f, the year's public
-- model_employer.parquet.

with published as (

    select * from read_parquet($f)

),

final as (

    select level, area_name, band, bme_headcount, target_headcount, more_needed_now,
           more_needed_by_target_year, trusts_with_target, trusts_on_trajectory, target_year
    from published
    where level in ('england', 'region')

)

select * from final
order by level, area_name, band
