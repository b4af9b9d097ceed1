-- The organisations the year's figures cover: every trust open on 31 March, with its region,
-- ICB and type. Input: organisations.trusts_in_year. Parameter: $year.
select
    cast($year as integer) as year,
    organisation_code,
    organisation_name,
    region_code,
    region_name,
    icb_code,
    icb_name,
    trust_type,
    open_date,
    close_date
from organisations.trusts_in_year
order by organisation_code
