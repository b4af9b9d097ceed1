"""The audit as a blocking check on a year's publication: the year's candidate editions,
written to a scratch folder, audited together with the published years it is tied to (the year
before and after, whose indicator 3 windows share its disciplinary entries, and Model
Employer's baseline year). Nothing is published unless every withheld count of those
years is shown protected; the whole record stays `wres-pipeline audit`'s, over every year.
"""

import json
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from wres_pipeline.audit import edition, report
from wres_pipeline.publish.schemas import TABLES, schema

PUBLIC = ("organisations", "indicators", "model_employer", "data_quality_trusts", "trends")
INTERNAL = PUBLIC + ("disclosure_withheld", "disclosure_certificates")


def _plain(table: pa.Table, name: str | None = None, edition: str = "") -> pa.Table:
    """Each column in the type the published snapshot gives it (schemas.py), decimal columns
    (DuckDB's sums) of other tables as floats: what the audit reads is what is published."""
    published = {f.name: f.type for f in schema(name, edition)} if name in TABLES else {}
    for i, field in enumerate(table.schema):
        kind = published.get(field.name)
        if kind is not None and not pa.types.is_dictionary(kind):
            table = table.set_column(i, field.name, table.column(i).cast(kind))
        elif pa.types.is_decimal(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.float64()))
    return table


def _write(folder: Path, tables: dict[str, pa.Table], names: tuple, method: dict,
           exchange: dict[str, pa.Table] | None = None) -> Path:
    """The tables as the published snapshot will hold them (its schemas, schemas.py)."""
    edition = folder.parent.parent.name
    folder.mkdir(parents=True)
    for name in names:
        if name in tables:
            pq.write_table(_plain(tables[name], name, edition), folder / f"{name}.parquet")
    if exchange:
        (folder / "exchange").mkdir()
        for name, table in exchange.items():
            pq.write_table(_plain(table), folder / "exchange" / f"{name}.parquet")
    (folder / "manifest.json").write_text(json.dumps({"method": method}), encoding="utf-8")
    return folder


def tied_years(year: int, published: list[int], baseline_year: int | None) -> list[int]:
    """The published years whose counts a year's figures are tied to, with the year."""
    near = {year - 1, year, year + 1} | ({baseline_year} if baseline_year else set())
    return sorted(y for y in published if y in near and y != year) + [year]


def audit_candidate(root: Path, year: int, public: dict[str, pa.Table],
                    internal: dict[str, pa.Table], exchange: dict[str, pa.Table],
                    method: dict, width: int, rules) -> report.Audit:
    """The audit of a year's candidate editions with the published years tied to it
    (`root`: the published folder; `method`: the settings the manifest records)."""
    root = Path(root)
    scratch = Path(tempfile.mkdtemp(prefix="wres-audit-"))
    try:
        folders = {}
        for name, tables, names in (("public", public, PUBLIC), ("internal", internal,
                                                                  INTERNAL)):
            published = edition.latest_folders(root / name)
            years = tied_years(year, list(published), method.get("model_employer_baseline_year"))
            folders[name] = {y: published[y] for y in years if y != year} | {
                year: _write(scratch / name / str(year), tables, names, method,
                             exchange if name == "internal" else None)}
        return report.audit_folders(folders["public"], folders["internal"], width, rules)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
