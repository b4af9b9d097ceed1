"""Cross-year inputs: what a later year reads from an earlier one, only from what it published.

A year works only in its own DuckDB file, so anything another year needs (indicator 3's prior
year, Model Employer's baseline year, the time series) is handed over as Parquet. Those tables
are part of the earlier year's internal snapshot, in its `exchange/` folder: they are written in
the same atomic rename as the year's published figures, so a run that was blocked or failed
never changes them, and a reader always takes them from the snapshot LATEST names. They hold
counts, never person-level rows.

Every read returns the snapshot it came from; the reading asset records it
(`indicators.earlier_years_used`), and the year's manifest names it, so a year whose earlier
year republishes is known to be stale (wres_pipeline/staleness.py).
"""

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from wres_pipeline.publish.snapshot import EXCHANGE as FOLDER
from wres_pipeline.publish.snapshot import latest, published_years

# Each exchange table and where a year's database holds it; sorted so the bytes are stable.
TABLES = {
    "disciplinary_inputs": "select * from indicators.disciplinary_inputs order by all",
    "indicator_counts": "select * from indicators.counts order by all",
    "trusts_in_year": "select * from organisations.trusts_in_year order by all",
    "successor_map": "select * from organisations.successor_map order by all",
}
USED = "indicators.earlier_years_used"


def gather(con) -> dict[str, pa.Table]:
    """The year's exchange tables, read from its database (for its internal snapshot)."""
    return {name: con.sql(sql).to_arrow_table() for name, sql in TABLES.items()}


def _folder(published: str | Path, year: int) -> Path | None:
    root = Path(published) / "internal"
    snapshot = latest(root, year)
    return root / str(year) / snapshot / FOLDER if snapshot else None


def read(published: str | Path, table: str, year: int) -> tuple[pa.Table | None, str | None]:
    """One year's exchange table from its latest published internal snapshot, with that
    snapshot's id; (None, None) when the year has not published."""
    folder = _folder(published, year)
    if folder is None or not (folder / f"{table}.parquet").exists():
        return None, None
    return pq.read_table(folder / f"{table}.parquet"), folder.parent.name


def read_for(con, published: str | Path, table: str, year: int,
             used_for: str) -> pa.Table | None:
    """One earlier year's exchange table (None when the year has not published), its snapshot
    recorded in `con` as read for `used_for` (a year wanted but unpublished is recorded too)."""
    data, snapshot_id = read(published, table, year)
    record_use(con, used_for, [(year, snapshot_id)])
    return data


def years(published: str | Path, table: str) -> list[int]:
    """The years whose latest published snapshot holds an exchange table."""
    return [year for year in published_years(Path(published) / "internal")
            if (_folder(published, year) / f"{table}.parquet").exists()]


def record_use(con, used_for: str, uses: list[tuple[int, str | None]]) -> None:
    """Note which earlier years' snapshots an asset read (None: the year was wanted but had not
    published). The asset's earlier notes are replaced: a rerun records what it read now."""
    con.sql(f"create table if not exists {USED} "
            "(used_for varchar, year integer, snapshot_id varchar)")
    con.execute(f"delete from {USED} where used_for = $used_for", {"used_for": used_for})
    for year, snapshot_id in uses:
        con.execute(f"insert into {USED} values ($used_for, $year, $snapshot_id)",
                    {"used_for": used_for, "year": year, "snapshot_id": snapshot_id})


def uses(con) -> list[dict]:
    """Every earlier year's snapshot the year's assets read, for the manifest."""
    exists = con.sql("select count(*) from duckdb_tables() where schema_name = 'indicators' "
                     "and table_name = 'earlier_years_used'").fetchall()[0][0]
    if not exists:
        return []
    return [{"used_for": u, "year": y, "snapshot_id": s} for u, y, s in con.sql(
        f"select used_for, year, snapshot_id from {USED} order by all").fetchall()]
