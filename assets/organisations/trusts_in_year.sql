-- The trusts of a WRES year: every organisation in the ODS file that is open on 31 March of the
-- year ($snapshot_date), sits in an English NHS England region, and has not been taken over by a
-- successor on or before that date. Adds the region name, the integrated care board (ICB) and
-- its name (ONS names and codes lookup), and the trust type.
-- Inputs: the validated organisations tables and the reference lists of regions and ICBs.
-- ICBs replaced clinical commissioning groups in July 2022; the ODS file gives each trust its
-- current ICB, which is used for every year so that a trust's ICB series compares like with
-- like.
with open_on_snapshot as (

    select *
    from validated.ods_trusts
    where open_date <= $snapshot_date
      and (close_date is null or close_date >= $snapshot_date)

),

not_succeeded as (

    select o.*
    from open_on_snapshot as o
    left join validated.trust_successors as s
        on s.predecessor_code = o.organisation_code
       and s.effective_date <= $snapshot_date
    where s.predecessor_code is null

),

in_england as (

    select n.*, r.region_name
    from not_succeeded as n
    inner join reference.regions as r on r.region_code = n.region_code

),

final as (

    select
        e.organisation_code,
        e.organisation_name,
        e.region_code,
        e.region_name,
        e.icb_code,
        i.icb_name,
        t.trust_type,
        e.open_date,
        e.close_date
    from in_england as e
    left join validated.organisation_types as t on t.organisation_code = e.organisation_code
    left join reference.icbs as i on i.icb_code = e.icb_code

)

select * from final
order by organisation_code
