"""Ingest one extract of one WRES year: landing zone -> raw archive -> DuckDB staging -> Great
Expectations validation -> validated tables. The organisations and staging assets run it.

It finds the year's files, archives them immutably with their SHA-256, reads the archived copies
as text, types them into staging tables in the year's own DuckDB database (through the layer's
SQL file for each table), and validates them with the extract's suites. Every rule is an asset
check; error-level failures block all downstream assets and leave the validated tables as they
were.
"""

import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pyarrow as pa

from wres_pipeline import contracts, probes
from wres_pipeline.ingest import parts
from wres_pipeline.ingest.archive import archive_file, write_manifest
from wres_pipeline.ingest.errors import ExtractError
from wres_pipeline.ingest.landing import find_files, year_folder
from wres_pipeline.ingest.parts import NotInParts, read_in_parts
from wres_pipeline.ingest.readers import read_raw
from wres_pipeline.ingest.staging import stage_parts
from wres_pipeline.partitions import year_of
from wres_pipeline.reference import table as reference_table
from wres_pipeline.resources import PathsSettings, WresSettings
from wres_pipeline.validation.rules import year_parameters
from wres_pipeline.validation.table import check_specs, validate_table

# The library code an ingest asset runs (its code version is a hash of these and its SQL).
CODE = ("ingest", "validation", "contracts", "reference", "sql")


def sql_files(extract: str) -> list[str]:
    """The staging SQL file of each table of the extract (relative to assets/)."""
    return [contract.staging_sql for contract in contracts.for_extract(extract)]


def extract_check_specs(extract: str, key: dg.AssetKey) -> list[dg.AssetCheckSpec]:
    """One check per rule of each of the extract's tables, on the asset that ingests it."""
    return [spec for contract in contracts.for_extract(extract)
            for spec in check_specs(contract, key)]


def land_and_stage(con, paths: PathsSettings, year: int, contract, log) -> tuple[list, dict]:
    """Archive and read every file of one table, then stage it; return the archive entries."""
    folder = year_folder(Path(paths.landing), year)
    landed = []
    for path in find_files(Path(paths.landing), year, contract):
        relative = path.relative_to(folder).as_posix()
        landed.append((path, relative,
                       archive_file(path, relative, paths.archive_path(year, contract.extract))))
    rows: dict[str, int] = {}
    try:
        staged = stage_parts(con, contract, _gathered(_parts(contract, year, landed, rows)))
    except NotInParts as reason:  # read whole, a file gives its rows or names its problem
        log.info(f"{contract.name}: read whole ({reason})")
        staged = stage_parts(con, contract,
                             _gathered(_parts(contract, year, landed, rows, whole=True)))
    probes.point("ingest: extract staged, database not yet closed")
    log.info(f"{contract.name}: {staged:,} rows staged from {len(rows)} file(s)")
    return [copy for _, _, copy in landed], rows


def _parts(contract, year: int, landed: list, rows: dict[str, int],
           whole: bool = False) -> Iterator[pa.Table]:
    """Each archived file's raw table, in parts where the file is large (ingest/parts.py);
    counts each file's rows into `rows`. The archived copy is read (what we keep is what we
    load), named as it landed."""
    for path, relative, copy in landed:
        rows[relative] = 0
        name = f"{year}/{relative}"
        try:
            tables = [read_raw(contract, Path(copy.archived), name)] if whole else \
                read_in_parts(contract, Path(copy.archived), name)
            for table in tables:
                rows[relative] += table.num_rows
                yield table
                del table
        except ExtractError as error:  # name the file as the trust sent it
            raise ExtractError(path, error.reason, error.row, error.column) from None


def _gathered(tables: Iterator[pa.Table]) -> Iterator[pa.Table]:
    """The tables joined into runs of about `parts.PART_BYTES`: a table's many small files
    (a trust return each) are staged at once, a large file's parts one by one."""
    held, size, most = [], 0, parts.PART_BYTES
    for table in tables:
        held.append(table)
        size += table.nbytes
        del table
        if size >= most:
            joined, held, size = pa.concat_tables(held), [], 0
            yield joined
            del joined
    if held:
        yield pa.concat_tables(held)


def _parameters(con, year: int, extract: str) -> dict:
    trust_codes = [] if extract == "organisations" else [
        code for (code,) in con.sql("select organisation_code from organisations.trusts_in_year")
        .fetchall()]
    questions = [r["question_code"] for r in reference_table("survey_questions")
                 if int(r["survey_year"]) == year - 1]
    return year_parameters(year, trust_codes, questions)


def _metadata(paths: PathsSettings, year: int, archived, rows, validations, manifest) -> dict:
    lines = [f"| {f.name} | {rows[f.name]:,} | `{f.sha256[:12]}` |" for f in archived]
    shown = lines[:25] + ([f"| ... {len(lines) - 25} more | | |"] if len(lines) > 25 else [])
    return {
        "dagster/row_count": sum(v.rows for v in validations),
        "wres_year": year,
        "quarantined_rows": sum(v.quarantined for v in validations),
        "blocked": any(v.blocked for v in validations),
        "files": len(archived),
        "files_preview": dg.MetadataValue.md("| file | rows | sha256 |\n|---|---:|---|\n" +
                                             "\n".join(shown)),
        "archive_manifest": dg.MetadataValue.path(str(manifest)),
        "validation_results": dg.MetadataValue.path(str(validations[0].result_file.parent)),
        "database": dg.MetadataValue.path(str(paths.database(year))),
    }


def ingest_extract(context: dg.AssetExecutionContext, settings: WresSettings,
                   extract: str) -> dg.MaterializeResult:
    """Land, archive, stage and validate every table of `extract` for the context's year;
    the result carries every rule's check."""
    key = context.asset_key
    year = year_of(context)
    paths, validation = settings.paths, settings.validation
    results_dir = paths.validation_results(year, context.run.run_id)
    archived, rows, validations = [], {}, []
    seconds = {"ingest": 0.0, "validate": 0.0}  # reported for the benchmarks
    with paths.connect(year) as con:
        parameters = _parameters(con, year, extract)
        for contract in contracts.for_extract(extract):
            started = time.perf_counter()
            files, counts = land_and_stage(con, paths, year, contract, context.log)
            archived += files
            rows |= counts
            staged = time.perf_counter()
            validations.append(validate_table(
                con, contract, year, parameters, results_dir, key,
                validation.max_quarantine_share, tuple(f"{year}/{n}" for n in counts)))
            seconds["ingest"] += staged - started
            seconds["validate"] += time.perf_counter() - staged
    manifest = write_manifest(paths.archive_path(year, extract), archived, rows)
    for result in validations:
        context.log.info(f"{result.table}: {result.rows:,} rows, {result.quarantined:,} "
                         f"quarantined{', BLOCKED' if result.blocked else ''}")
    return dg.MaterializeResult(
        metadata=_metadata(paths, year, archived, rows, validations, manifest)
        | {"seconds": dg.MetadataValue.json({k: round(v, 3) for k, v in seconds.items()})},
        check_results=[check for result in validations for check in result.checks],
    )
