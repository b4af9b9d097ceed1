-- The year's trusts with where they sit (ICB, region, trust type) and their data-quality
-- facts, as the public edition publishes them. Parameters: $organisations and $quality, the
-- year's public organisations.parquet and data_quality_trusts.parquet.

with organisations as (

    select * from read_parquet($organisations)

),

quality as (

    select * from read_parquet($quality)

),

final as (

    select
        o.organisation_code,
        o.organisation_name,
        o.icb_code,
        o.icb_name,
        o.region_code,
        o.region_name,
        o.trust_type,
        q.esr_headcount,
        q.unknown_share,
        q.has_return,
        q.in_survey,
        q.declared_headcount,
        q.declared_difference,
        coalesce(q.suppressed, false) as quality_suppressed,
        q.suppression_reason as quality_suppression_reason
    from organisations as o
    left join quality as q on q.organisation_code = o.organisation_code

)

select * from final
order by organisation_code
