"""Tiny hand-made published folders for the audit's tests: a few trusts in one ICB, written as
both editions (internal with every count, public with some withheld) in the layout the pipeline
publishes."""

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from wres_pipeline.audit.likelihoods import evaluate

GROUPS = ("White", "BME", "Unknown")
METHOD = {"confidence": 0.95, "non_adverse_low": 0.8, "non_adverse_high": 1.25,
          "withheld_likelihood_decimals": 2, "model_employer_baseline_year": 2018,
          "model_employer_pooled_bands": []}
# Trusts A, B and C in ICB Q1 and region R1; A and B acute, C mental health.
ORGANISATIONS = [("A", "Q1", "R1", "acute"), ("B", "Q1", "R1", "acute"),
                 ("C", "Q1", "R1", "mental_health")]
AREAS = [("icb", "Q1"), ("region", "R1"), ("trust_type", "acute"),
         ("trust_type", "mental_health"), ("england", "E92000001")]


def row(year, level, area, indicator, measure, breakdown, group, numerator=None,
        denominator=None, value=None, **extra) -> dict:
    base = {"year": year, "level": level, "area_code": area, "indicator": indicator,
            "measure": measure, "breakdown": breakdown, "group": group, "numerator": numerator,
            "denominator": denominator, "value": value, "ci_lower": None, "ci_upper": None,
            "significant": None, "adverse_significant": None,
            "outside_non_adverse_range": None, "null_reason": None, "detail": None,
            "suppressed": False}
    return base | extra


def shares(year, level, area, breakdown, counts: dict, indicator=1) -> list[dict]:
    """Indicator 1 (or 9) share rows of one breakdown from its counts by group."""
    total = sum(counts.values())
    return [row(year, level, area, indicator, "share", breakdown, g, counts[g], total,
                100 * counts[g] / total) for g in GROUPS]


def areas_of(trust_rows: dict, build) -> list[dict]:
    """The same rows for every area, from trusts' counts ({trust: counts}) added up."""
    found = []
    members = {("icb", "Q1"): "ABC", ("region", "R1"): "ABC", ("trust_type", "acute"): "AB",
               ("trust_type", "mental_health"): "C", ("england", "E92000001"): "ABC"}
    for (level, area), trusts in members.items():
        present = [t for t in trusts if t in trust_rows]
        if not present:
            continue
        keys = trust_rows[present[0]].keys()
        counts = {k: sum(trust_rows[t][k] for t in present) for k in keys}
        found += build(level, area, counts)
    return found


def likelihood(year, level, area, indicator, a1, n1, a2, n2, **extra) -> dict:
    got = {k: v[0] for k, v in evaluate([a1], n1, [a2], n2, 1.959963984540054, 0.8,
                                        1.25).items()}
    return row(year, level, area, indicator, "relative_likelihood", "all", "all",
               value=float(got["value"]), ci_lower=float(got["ci_lower"]),
               ci_upper=float(got["ci_upper"]), significant=bool(got["significant"]),
               adverse_significant=bool(got["adverse_significant"]),
               outside_non_adverse_range=bool(got["outside_non_adverse_range"])) | extra


def withhold(rows: list[dict], when, decimals: int | None = 2) -> list[dict]:
    """The public edition's rows: those `when` picks lose their counts and values (a likelihood
    keeps its value rounded and its flags, as the public edition does today)."""
    found = []
    for r in rows:
        if not when(r):
            found.append(r)
            continue
        hidden = {**r, "suppressed": True, "numerator": None, "denominator": None,
                  "ci_lower": None, "ci_upper": None}
        if r["measure"] == "relative_likelihood" and decimals is not None:
            hidden["value"] = round(r["value"], decimals)
        else:
            hidden |= {"value": None, "significant": None, "adverse_significant": None,
                       "outside_non_adverse_range": None}
        found.append(hidden)
    return found


def publish(root: Path, years: dict, method: dict | None = None) -> Path:
    """Write {year: {edition: {table: rows}}} as published snapshots; returns the root."""
    organisations = [{"organisation_code": c, "icb_code": i, "region_code": r, "trust_type": t}
                     for c, i, r, t in ORGANISATIONS]
    for year, editions in years.items():
        for edition, tables in editions.items():
            folder = Path(root) / edition / str(year) / f"snapshot{year}"
            folder.mkdir(parents=True)
            (folder.parent / "LATEST").write_text(folder.name)
            (folder / "manifest.json").write_text(json.dumps(
                {"year": year, "method": method or METHOD}))
            for name, rows in {"organisations": organisations, **tables}.items():
                if name == "exchange":
                    (folder / "exchange").mkdir()
                    for table, data in rows.items():
                        pq.write_table(pa.Table.from_pylist(data),
                                       folder / "exchange" / f"{table}.parquet")
                    continue
                pq.write_table(pa.Table.from_pylist(rows), folder / f"{name}.parquet")
    return Path(root)


ME_COLUMNS = ("year", "level", "area_code", "band", "headcount", "bme_headcount", "bme_share",
              "baseline_share", "overall_share", "goal_share", "target_share",
              "target_headcount", "gap_people", "more_needed_now",
              "more_needed_by_target_year", "on_trajectory", "trusts_on_trajectory")
DQ_COLUMNS = ("year", "organisation_code", "esr_headcount", "esr_unknown", "unknown_share",
              "declared_headcount", "declared_difference")


def _arrow(rows: list[dict], columns: tuple) -> pa.Table:
    rows = [{k: v for k, v in r.items() if k != "suppressed"} for r in rows]
    if rows:
        return pa.Table.from_pylist(rows)
    return pa.table({c: pa.array([], pa.string() if c in ("level", "area_code", "band",
                                                          "organisation_code") else pa.int64())
                     for c in columns})


def protected(year: int, indicators: list[dict], model_employer=(), data_quality=(),
              disciplinary=(), width: int = 8, baseline=None,
              proof: dict | None = None, before: dict | None = None) -> dict[str, list[dict]]:
    """The public edition the disclosure model makes of an internal year's rows (`proof`, a
    dict, receives the internal edition's tables of withheld counts and certificates;
    `before`: the year before's, which this year carries)."""
    from wres_pipeline.disclosure.certificates import certificate_tables, read
    from wres_pipeline.disclosure.edition import public_tables, withheld_cells
    from wres_pipeline.disclosure.primary import Rules

    organisations = pa.Table.from_pylist([
        {"organisation_code": c, "icb_code": i, "region_code": r, "trust_type": t}
        for c, i, r, t in ORGANISATIONS])
    tables = {"indicators": _arrow(indicators, ()), "organisations": organisations,
              "model_employer": _arrow(list(model_employer), ME_COLUMNS),
              "data_quality_trusts": _arrow(list(data_quality), DQ_COLUMNS)}
    rules = Rules(protection_width=width)
    earlier = read(before["disclosure_withheld"], before["disclosure_certificates"]) \
        if before else ({}, {})
    found = withheld_cells(tables, rules, {}, list(disciplinary), earlier)
    public = public_tables(tables, rules, {}, list(disciplinary), baseline, found)
    if proof is not None:
        proof.update({name: table.to_pylist()
                      for name, table in certificate_tables(found).items()})
    return {name: public[name].to_pylist() for name in
            ("indicators", "model_employer", "data_quality_trusts")}
