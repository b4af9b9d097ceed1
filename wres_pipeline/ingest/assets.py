"""Ingest assets, one per extract and WRES year: landing zone -> raw archive -> DuckDB staging.

Each asset finds the year's files, archives them immutably with their SHA-256, reads the archived
copies as text and loads them into typed staging tables in the year's own DuckDB database.
"""

from pathlib import Path

import dagster as dg
import pyarrow as pa

from wres_pipeline import contracts
from wres_pipeline.ingest.archive import archive_file, write_manifest
from wres_pipeline.ingest.landing import find_files, year_folder
from wres_pipeline.ingest.readers import read_raw
from wres_pipeline.ingest.staging import stage
from wres_pipeline.partitions import wres_year_partitions, year_of
from wres_pipeline.resources import PipelinePaths

OWNERS = ["team:wres-national"]
DESCRIPTIONS = {
    "organisations": """The ODS NHS trusts file (etr.csv as published) with each trust's type and
the successor of every merged trust, staged as ods_trusts, organisation_types and
trust_successors.""",
    "esr_staff_in_post": """ESR staff in post at 31 March of the WRES year: one row per assignment,
with a pseudonymous person id, ethnic category, pay band or grade, staff group, clinical flag,
assignment category and FTE.""",
    "trust_return": """Each trust's WRES return (one CSV or XLSX file per trust): shortlisting and
appointments, formal disciplinary entries, non-mandatory training, board members and declared
headcount, by ethnic group.""",
    "staff_survey": """NHS Staff Survey results by ethnicity (the survey of autumn Y-1): for each
trust, question and group, respondents and those giving the indicator's answer.""",
}


def ingest_extract(paths: PipelinePaths, year: int, extract: str, log) -> dict:
    """Archive, read and stage every table of one extract; return what was loaded."""
    folder = year_folder(Path(paths.landing), year)
    archived, rows, staged = [], {}, {}
    with paths.connect(year) as con:
        for contract in contracts.for_extract(extract):
            tables = []
            for path in find_files(Path(paths.landing), year, contract):
                relative = path.relative_to(folder).as_posix()
                copy = archive_file(path, relative, paths.archive_path(year, extract))
                # Read the archived copy (what we keep is what we load), named as it landed.
                raw = read_raw(contract, Path(copy.archived), name=f"{year}/{relative}")
                archived.append(copy)
                rows[relative] = raw.num_rows
                tables.append(raw)
            staged[contract.name] = stage(con, contract, pa.concat_tables(tables))
            log.info(f"{contract.name}: {staged[contract.name]:,} rows staged from "
                     f"{len(tables)} file(s)")
    manifest = write_manifest(paths.archive_path(year, extract), archived, rows)
    return {"archived": archived, "rows": rows, "staged": staged, "manifest": manifest}


def _metadata(paths: PipelinePaths, year: int, result: dict) -> dict:
    lines = [f"| {f.name} | {result['rows'][f.name]:,} | `{f.sha256[:12]}` |"
             for f in result["archived"]]
    shown = lines[:25] + ([f"| ... {len(lines) - 25} more | | |"] if len(lines) > 25 else [])
    return {
        "dagster/row_count": sum(result["staged"].values()),
        "wres_year": year,
        "staged_tables": dg.MetadataValue.json(result["staged"]),
        "files": len(result["archived"]),
        "files_preview": dg.MetadataValue.md("| file | rows | sha256 |\n|---|---:|---|\n" +
                                             "\n".join(shown)),
        "archive_manifest": dg.MetadataValue.path(str(result["manifest"])),
        "database": dg.MetadataValue.path(str(paths.database(year))),
    }


def staging_asset(extract: str) -> dg.AssetsDefinition:
    """The ingest asset of one extract (the contract says which files and columns)."""

    @dg.asset(
        name=extract,
        key_prefix=["staging"],
        partitions_def=wres_year_partitions,
        group_name="ingest",
        kinds={"duckdb"},
        owners=OWNERS,
        description=DESCRIPTIONS[extract],
        code_version="1",
    )
    def _asset(context: dg.AssetExecutionContext, paths: PipelinePaths) -> dg.MaterializeResult:
        year = year_of(context)
        result = ingest_extract(paths, year, extract, context.log)
        return dg.MaterializeResult(metadata=_metadata(paths, year, result))

    return _asset


staging_assets = [staging_asset(extract) for extract in contracts.EXTRACTS]
