-- Model Employer for every organisation of the year, band by band, as published (the public
-- edition withholds what its policy withholds and says why). Parameter: $model_employer, the
-- year's public model_employer.parquet.

with published as (

    select * from read_parquet($model_employer)

),

final as (

    select
        level, area_code, area_name, band, headcount, bme_headcount, bme_share,
        baseline_share, goal_share, target_share, target_headcount, more_needed_now,
        more_needed_by_target_year, on_trajectory, trusts, trusts_with_target,
        trusts_on_trajectory, baseline_year, target_year, null_reason, suppressed,
        suppression_reason
    from published

)

select * from final
order by level, area_code, band
