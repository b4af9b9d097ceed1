-- How much of each trust's headline the public edition publishes: for each year, the share of
-- the year's trusts whose public row for indicator 1 (BME share of staff), the relative
-- likelihoods of indicators 2, 3 and 4 (a value, or no finite ratio: counted), and the
-- voting-board gap of indicator 9 carries a figure, and apart from those the trusts whose
-- withheld likelihood carries a verdict (its significance flags: docs/publishing.md).
-- Inputs: public_indicators and public_organisations (every year's public indicators and
-- organisations tables).
with headlines as (

    select * from (values
        (1, 'share', 'all', 'BME', 'Ind. 1 BME share of staff'),
        (2, 'relative_likelihood', 'all', 'all', 'Ind. 2 likelihood'),
        (3, 'relative_likelihood', 'all', 'all', 'Ind. 3 likelihood'),
        (4, 'relative_likelihood', 'all', 'all', 'Ind. 4 likelihood'),
        (9, 'gap_pp', 'board_voting', 'all', 'Ind. 9 voting-board gap')
    ) as h (indicator, measure, breakdown, "group", headline)

),

trusts as (

    select year, count(*) as trusts
    from public_organisations
    group by year

),

published as (

    select i.year, h.headline, h.indicator,
           count(distinct i.area_code) filter (
               where i.value is not null or coalesce(i.outside_non_adverse_range, false))
               as trusts_published,
           count(distinct i.area_code) filter (
               where i.value is null and not coalesce(i.outside_non_adverse_range, false)
                 and i.adverse_significant is not null)
               as trusts_verdict
    from public_indicators as i
    inner join headlines as h using (indicator, measure, breakdown, "group")
    where i.level = 'trust'
    group by i.year, h.headline, h.indicator

)

select p.year, p.headline, p.trusts_published, p.trusts_verdict, t.trusts,
       100.0 * p.trusts_published / t.trusts as percent_published,
       100.0 * p.trusts_verdict / t.trusts as percent_verdict,
       100.0 * (p.trusts_published + p.trusts_verdict) / t.trusts as percent_carried
from published as p
inner join trusts as t using (year)
order by p.year, p.indicator
