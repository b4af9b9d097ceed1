-- Failing rows: an England, region, ICB or trust-type count that is not the sum of its
-- trusts'.
with trusts as (

    select c.indicator, c.breakdown, c.wres_group, t.region_code, t.icb_code, t.trust_type,
           c.events, c.population
    from indicators.counts as c
    inner join organisations.trusts_in_year as t on t.organisation_code = c.area_code
    where c.level = 'trust'

),

expected as (

    select 'england' as level, 'E92000001' as area_code, indicator, breakdown, wres_group,
           sum(events) as events, sum(population) as population
    from trusts group by indicator, breakdown, wres_group
    union all
    select 'region', region_code, indicator, breakdown, wres_group, sum(events),
           sum(population)
    from trusts group by region_code, indicator, breakdown, wres_group
    union all
    select 'icb', icb_code, indicator, breakdown, wres_group, sum(events), sum(population)
    from trusts group by icb_code, indicator, breakdown, wres_group
    union all
    select 'trust_type', trust_type, indicator, breakdown, wres_group, sum(events),
           sum(population)
    from trusts group by trust_type, indicator, breakdown, wres_group

)

select e.*, c.events as pooled_events, c.population as pooled_population
from expected as e
full join (select * from indicators.counts where level <> 'trust') as c
    using (level, area_code, indicator, breakdown, wres_group)
where c.events is distinct from e.events or c.population is distinct from e.population
