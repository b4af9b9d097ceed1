-- Data-quality summary per trust for publication: staff counted, the share whose ethnicity is
-- unknown, whether the return and survey results arrived, and how the declared headcount
-- compares with ESR. Input: core.trust_reconciliation. Parameter: $year.
select
    cast($year as integer) as year,
    organisation_code,
    organisation_name,
    region_name,
    trust_type,
    esr_headcount,
    esr_unknown,
    100 * unknown_share as unknown_share,
    has_return,
    in_survey,
    declared_headcount,
    100 * declared_difference as declared_difference
from core.trust_reconciliation
order by organisation_code
