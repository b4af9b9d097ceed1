-- Regions, ICBs and trust types side by side: BME share of staff, the likelihoods of
-- indicators 2-4 and the voting-board gap, with each ICB's region. Parameters: $f and $o, the
-- year's public indicators.parquet and organisations.parquet.

with published as (

    select * from read_parquet($f)
    where level in ('region', 'icb', 'trust_type') and breakdown in ('all', 'board_voting')

),

icb_regions as (

    select distinct icb_code, region_name from read_parquet($o)

),

final as (

    select
        i.level,
        i.area_code,
        any_value(i.area_name) as area_name,
        any_value(o.region_name) as region_name,
        max(i.value) filter (where i.indicator = 1 and i.measure = 'share'
                             and i.breakdown = 'all' and i."group" = 'BME') as bme_share,
        max(i.value) filter (where i.indicator = 2
                             and i.measure = 'relative_likelihood') as rl2,
        max(i.value) filter (where i.indicator = 3
                             and i.measure = 'relative_likelihood') as rl3,
        max(i.value) filter (where i.indicator = 4
                             and i.measure = 'relative_likelihood') as rl4,
        max(i.value) filter (where i.indicator = 9 and i.measure = 'gap_pp'
                             and i.breakdown = 'board_voting') as board_gap
    from published as i
    left join icb_regions as o on i.level = 'icb' and o.icb_code = i.area_code
    group by i.level, i.area_code

)

select * from final
order by level, region_name, area_name
