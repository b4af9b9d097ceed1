"""The publish asset's blocking audit check: the attacker's audit (wres_pipeline/audit/gate.py)
of a year's candidate public edition with the published years tied to it, before anything is
written."""

import math
from pathlib import Path

import dagster as dg
import pyarrow as pa

NOT_AUDITED = ("not audited: [publish] disclosure_model = \"units\" withholds by rules the "
               "audit finds leaking (docs/publishing.md); set \"cells\"")
SHOWN = 20  # counts named in the check's description


def audit_check(root: Path, year: int, public: dict[str, pa.Table],
                internal: dict[str, pa.Table], exchange: dict[str, pa.Table], method: dict,
                publishing) -> dg.AssetCheckResult:
    """Passed when every withheld count of the year and the years tied to it is shown
    protected; a warning only where the disclosure model is the old one."""
    if publishing.disclosure_model != "cells":
        return dg.AssetCheckResult(check_name="withheld_counts_unrecoverable", passed=False,
                                   severity=dg.AssetCheckSeverity.WARN, description=NOT_AUDITED,
                                   metadata={"wres_year": year})
    from wres_pipeline.audit.gate import audit_candidate
    from wres_pipeline.disclosure.edition import rules_of

    width = publishing.protection_width
    result = audit_candidate(root, year, public, internal, exchange, method, width,
                             rules_of(publishing, method.get("confidence", 0.95)))
    failures = result.failures()
    narrowest = min((f.hi - f.lo for f in result.findings if f.sensitive), default=math.inf)
    years = sorted({f.cell[0] for f in result.findings})
    named = [f"{f.label()}: [{f.lo:g}, {f.hi:g}]" for f in failures[:SHOWN]]
    description = None
    if failures or result.unsound:
        description = (f"{len(failures)} withheld count(s) not protected"
                       + (f", {len(result.unsound)} unsound bound(s)" if result.unsound else "")
                       + (": " + "; ".join(named) if named else ""))
    return dg.AssetCheckResult(
        check_name="withheld_counts_unrecoverable", passed=not failures and not result.unsound,
        description=description,
        metadata={"wres_year": year, "years_audited": dg.MetadataValue.json(years),
                  "withheld_counts": len(result.findings),
                  "narrowest_sensitive_interval": None if math.isinf(narrowest) else narrowest,
                  "protection_width": width, "seconds": round(result.seconds, 1),
                  "programs_solved": result.solves,
                  "not_protected": dg.MetadataValue.json(named)})
