-- The figures the site's pages show, for every organisation (trust, ICB, region, trust type,
-- England): in the site's year, each indicator's headline rows and the rows its sentence is
-- built from (the groups' rates and percents, the board and workforce shares); in every
-- earlier published year, the headline rows alone (the changes and trend charts). Indicator
-- 1's bands are left to the workbook and the CSV files.
-- Parameters: $files, each published year's public indicators.parquet (its LATEST snapshot);
-- $year, the site's year; $headlines, the headline rows' keys as
-- 'indicator|measure|breakdown|group' (wres_pipeline/report/figures.py).

with published as (

    select * from read_parquet($files)

),

wanted as (

    select
        year, level, area_code, indicator, measure, breakdown, "group", value, ci_lower,
        ci_upper, significant, adverse_significant, null_reason, suppressed,
        suppression_reason,
        concat_ws('|', indicator, measure, breakdown, "group") as row_key
    from published
    where breakdown in ('all', 'board_voting', 'workforce')
      and measure in ('share', 'rate', 'percent', 'relative_likelihood', 'gap_pp')

)

select * exclude (row_key) from wanted
where year = $year or list_contains($headlines, row_key)
order by year, level, area_code, indicator, measure, breakdown, "group"
