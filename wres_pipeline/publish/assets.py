"""The publish asset: a year's internal and public snapshots, and the multi-year dataset."""

import json
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pyarrow as pa

from wres_pipeline import contracts, exchange, probes
from wres_pipeline.core.reconciliation import trust_reconciliation
from wres_pipeline.disclosure import carried
from wres_pipeline.disclosure import edition as cells
from wres_pipeline.indicators.counts import counts, disciplinary_inputs
from wres_pipeline.indicators.results import model_employer, trust_distribution, wres_indicators
from wres_pipeline.ingest.landing import inventory
from wres_pipeline.layers import asset_key, layer_asset
from wres_pipeline.organisations.assets import extracts, trusts_in_year
from wres_pipeline.partitions import year_of
from wres_pipeline.publish import disclosure, trends, withholding
from wres_pipeline.publish.audited import audit_check
from wres_pipeline.publish.dataset import refresh_year
from wres_pipeline.publish.latest_snapshot import FIVE_YEARS_BEFORE, latest_snapshot, observation
from wres_pipeline.publish.snapshot import publish
from wres_pipeline.publish.withdrawn import withdraw_superseded
from wres_pipeline.resources import PathsSettings, WresSettings
from wres_pipeline.sql import sql_text
from wres_pipeline.staging.assets import esr_staff_in_post, staff_survey, trust_return
from wres_pipeline.year_order import READS_EARLIER_YEARS, wait_for_earlier_years

SNAPSHOT = asset_key("publish/snapshot")
SQL = ("publish/data_quality_trusts.sql", "publish/organisations.sql", "publish/trends.sql")
PERSON_LEVEL = {"person_id", "assignment_id", "ethnic_category"}


def gather(con, year: int) -> dict[str, pa.Table]:
    """The internal edition's tables, read from the year's database."""
    query = {
        "indicators": "select * from indicators.wres_indicators",
        "trust_distribution": "select * from indicators.trust_distribution",
        "model_employer": "select * from indicators.model_employer",
    }
    tables = {name: con.sql(sql).to_arrow_table() for name, sql in query.items()}
    for name in ("data_quality_trusts", "organisations"):
        tables[name] = con.sql(sql_text(f"publish/{name}.sql"),
                               params={"year": year}).to_arrow_table()
    rows = []
    for contract in contracts.all_contracts():
        total = con.sql(f"select count(*) from staging.{contract.name}").fetchall()[0][0]
        rows.append((year, contract.name, "(all)", None, total, con.sql(
            f"select count(distinct (source_file, source_row)) from quarantine.{contract.name}")
            .fetchall()[0][0]))
        rows += [(year, contract.name, rule, severity, total, n) for rule, severity, n in con.sql(
            f"select rule, severity, count(*) from quarantine.{contract.name} group by all "
            "order by rule").fetchall()]
    names = ["year", "table", "rule", "severity", "rows", "quarantined_rows"]
    tables["data_quality_tables"] = pa.table({n: [r[i] for r in rows]
                                              for i, n in enumerate(names)})
    return tables


def protect(tables: dict[str, pa.Table], policy: disclosure.Policy,
            pools: dict[str, list[str]]) -> dict[str, pa.Table]:
    """The public edition: the same tables under disclosure control. Aggregates and the trust
    distribution are computed from the full data, so they are the internal edition's own
    (`pools`: each pooled senior band and the bands it sums)."""
    withheld = disclosure.withheld_units(tables["indicators"], tables["organisations"], policy,
                                         pools)
    return dict(tables) | {
        "indicators": withholding.public_indicators(tables["indicators"], withheld, policy),
        "model_employer": withholding.public_model_employer(tables["model_employer"],
                                                            withheld, policy),
        "data_quality_trusts": withholding.public_data_quality(tables["data_quality_trusts"],
                                                               withheld),
        # These rules publish the distribution as computed (the model withholds it: cells).
        "trust_distribution": cells.public_distribution(tables["trust_distribution"], None),
    }


def disclosure_failures(tables: dict[str, pa.Table], policy: disclosure.Policy) -> list[str]:
    """What in a public edition would break disclosure control (empty when nothing does): a
    person-level column, a published row whose own counts are too small to publish, a withheld
    likelihood with its interval, a single trust's small BME count in Model Employer."""
    problems = []
    for name, table in tables.items():
        leaked = PERSON_LEVEL & set(table.column_names)
        if leaked:
            problems.append(f"{name} has person-level column(s) {sorted(leaked)}")
    indicators = tables["indicators"]
    rows = disclosure.rows_of(indicators)
    shown = [row for row, hidden in zip(rows, indicators.column("suppressed").to_pylist(),
                                        strict=True)
             if not hidden and disclosure.is_sensitive(row, policy)]
    if shown:
        first = shown[0]
        problems.append(f"indicators shows {len(shown)} row(s) whose counts are too small to "
                        f"publish, e.g. {first.level} {first.area_code} indicator "
                        f"{first.indicator} {first.breakdown} {first.group}: "
                        f"{disclosure.is_sensitive(first, policy)}")
    bounded = sum(1 for hidden, low, high in zip(
        indicators.column("suppressed").to_pylist(), indicators.column("ci_lower").to_pylist(),
        indicators.column("ci_upper").to_pylist(), strict=True)
        if hidden and (low is not None or high is not None))
    if bounded:
        problems.append(f"indicators shows the interval of {bounded} withheld row(s)")
    t = policy.disclosure_threshold
    model = tables["model_employer"]
    small = [v for v, n in zip(model.column("bme_headcount").to_pylist(),
                               model.column("trusts").to_pylist(), strict=True)
             if v is not None and n == 1 and 1 <= v <= t]
    if small:
        problems.append(f"model_employer.bme_headcount shows {len(small)} count(s) from 1 to {t}")
    return problems


def raw_extracts(paths: PathsSettings, year: int) -> list[dict]:
    """SHA-256 and rows of every raw file the year was built from (the archive manifests)."""
    entries = []
    for extract in contracts.EXTRACTS:
        manifest = paths.archive_path(year, extract) / "manifest.json"
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            entries.append({"extract": extract, "file": entry["name"],
                            "sha256": entry["sha256"], "rows": entry["rows"]})
    return sorted(entries, key=lambda e: (e["extract"], e["file"]))


@layer_asset(
    "publish/snapshot", sql=SQL, op_tags=READS_EARLIER_YEARS,
    code=("publish", "exchange", "atomic", "ingest.landing", "sql"),
    deps=[wres_indicators, trust_distribution, model_employer, trust_reconciliation,
          trusts_in_year, counts, disciplinary_inputs,
          # The data-quality summary counts every extract's staged and quarantined rows.
          extracts, esr_staff_in_post, trust_return, staff_survey,
          # Earlier years' snapshots as published: the trend tables read one and five years
          # before (the window declares the years between). Their data versions (snapshot
          # ids) tell the UI when a republished earlier year has made this one stale
          # (wres_pipeline/staleness.py).
          dg.AssetDep(latest_snapshot, partition_mapping=FIVE_YEARS_BEFORE)],
    kinds={"parquet"},
    check_specs=[dg.AssetCheckSpec(
        "public_edition_discloses_nothing", asset=SNAPSHOT, blocking=True,
        description="The public edition has no count from 1 to the threshold and no "
                    "person-level column (checked before it is written)."),
        dg.AssetCheckSpec(
            "withheld_counts_unrecoverable", asset=SNAPSHOT, blocking=True,
            description="The attacker's audit of the public edition with the published years "
                        "tied to it: every withheld count at least the protection width wide "
                        "and never a single value (checked before it is written).")],
)
def snapshot(context: dg.AssetExecutionContext,
             settings: WresSettings) -> Iterator[dg.AssetCheckResult | dg.MaterializeResult]:
    """The year's published snapshots: an internal edition with every count and a public
    edition under the disclosure policy (docs/publishing.md), each as Parquet with a manifest,
    with the trend tables (changes over one and five years), written atomically beside earlier
    snapshots; LATEST moves only when a snapshot is complete. Also refreshes the multi-year
    public dataset."""
    paths, method, publishing = settings.paths, settings.method, settings.publish
    year = year_of(context)
    wait_for_earlier_years(context, year, "the five years before's published snapshots (trends)")
    policy = disclosure.Policy.of(publishing.model_dump())
    root = Path(paths.published)
    with paths.connect(year) as con:
        internal_tables = gather(con, year)
        later_years_read = exchange.gather(con)
        trends.record_reads(con, root, year)
        earlier_years = exchange.uses(con)
    pools = {method.pooled_band: method.model_employer_pooled_bands}
    if publishing.disclosure_model == "cells":
        public_tables, proof = cells.public_edition(
            internal_tables, cells.rules_of(publishing, method.confidence), pools,
            later_years_read["disciplinary_inputs"].to_pylist(),
            cells.baseline_withheld(root / "public", year, method.model_employer_baseline_year),
            carried.previous_proof(root / "internal", year))
        internal_tables |= proof
    else:
        public_tables = protect(internal_tables, policy, pools)
    for edition, tables in (("internal", internal_tables), ("public", public_tables)):
        tables["trends"] = trends.build(tables["indicators"], root / edition, year)
    problems = disclosure_failures(public_tables, policy)
    # The check is reported before anything is written, passed or not; a failure stops the
    # step, so neither edition is published.
    yield dg.AssetCheckResult(
        check_name="public_edition_discloses_nothing", passed=not problems,
        metadata={"wres_year": year, "policy": dg.MetadataValue.json(publishing.model_dump()),
                  "problems": dg.MetadataValue.json(problems)},
        description="; ".join(problems) if problems else None)
    if problems:
        raise dg.Failure("public edition not written: " + "; ".join(problems))
    recorded = settings.recorded()
    audited = audit_check(root, year, public_tables, internal_tables,
                                      later_years_read, recorded, publishing)
    yield audited
    if not audited.passed and audited.severity == dg.AssetCheckSeverity.ERROR:
        raise dg.Failure(f"public edition not written: {audited.description}")
    raw = raw_extracts(paths, year)
    # Every file of the landing folder, read or ignored (lock and partial files), by name.
    notes = {"landed_files": inventory(Path(paths.landing) / str(year))}
    # What later years read goes out in the internal snapshot's own atomic rename.
    internal = publish(root / "internal", "internal", year, internal_tables, raw, recorded,
                       exchange=later_years_read, earlier_years=earlier_years, notes=notes)
    # Later years read the internal snapshot: its id is what they are stale against.
    context.log_event(observation(year, internal.snapshot_id))
    probes.point("publish: internal edition published, public not yet")
    with paths.publishing(year):  # no other process points at a snapshot this one withdraws
        public = publish(root / "public", "public", year, public_tables, raw, recorded,
                         earlier_years=earlier_years, notes=notes)
        dataset = refresh_year(root / "public", public.folder, year)
        # An earlier public snapshot of the year beside this one could be differenced with it.
        withdrawn = withdraw_superseded(root, year)
    suppressed = sum(public_tables["indicators"].column("suppressed").to_pylist())
    yield dg.MaterializeResult(
        metadata={
            "wres_year": year,
            "dagster/row_count": internal_tables["indicators"].num_rows,
            "internal_snapshot": dg.MetadataValue.path(str(internal.folder)),
            "public_snapshot": dg.MetadataValue.path(str(public.folder)),
            "snapshot_ids": dg.MetadataValue.json({"internal": internal.snapshot_id,
                                                   "public": public.snapshot_id}),
            "new_snapshot": internal.created or public.created,
            "public_rows_suppressed": suppressed,
            "earlier_years_used": dg.MetadataValue.json(earlier_years),
            "dataset": dg.MetadataValue.path(str(dataset[0].parent.parent.parent)),
            "public_snapshots_withdrawn": dg.MetadataValue.json([str(p) for p in withdrawn]),
        },
        data_version=dg.DataVersion(internal.snapshot_id),
    )
