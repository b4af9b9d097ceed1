"""The trend tables: headline measures for England, regions, ICBs and trust types, this year
beside one and five years before (assets/publish/trends.sql).

Built when a year publishes, once per edition, from that edition's indicators and the trend
tables the earlier years published in the same edition: a later year reads earlier years only
from what they published, and a figure an earlier public edition withheld is never shown here.
The earlier snapshots read are recorded like every cross-year input, so a republished earlier
year makes this one stale (wres_pipeline/staleness.py).
"""

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from wres_pipeline import exchange
from wres_pipeline.publish.snapshot import latest
from wres_pipeline.reference import load_reference_table
from wres_pipeline.sql import sql_text

USED_FOR = "trend tables"
OFFSETS = (1, 5)
EARLIER_COLUMNS = ["year", "level", "area_code", "indicator", "measure", "breakdown", "group",
                   "numerator", "value"]


def earlier_years(year: int) -> list[int]:
    return [year - offset for offset in OFFSETS if year - offset >= 2015]


def _earlier_values(edition_root: Path, year: int) -> tuple[pa.Table | None, str | None]:
    """An earlier year's own values from its latest trend table in one edition."""
    snapshot = latest(edition_root, year)
    path = edition_root / str(year) / snapshot / "trends.parquet" if snapshot else None
    if path is None or not path.exists():
        return None, None
    table = pq.read_table(path, columns=EARLIER_COLUMNS)
    return table.filter(pc.equal(table["year"], year)), snapshot


def record_reads(con, published: Path, year: int) -> None:
    """Note the earlier years' internal snapshots the trend tables rest on (before publishing,
    so they are part of the snapshot's identity)."""
    uses = [(y, latest(Path(published) / "internal", y)) for y in earlier_years(year)]
    exchange.record_use(con, USED_FOR, uses)


def build(indicators: pa.Table, edition_root: Path, year: int) -> pa.Table:
    """The edition's trend table for the year."""
    earlier = [t for t, _ in (_earlier_values(Path(edition_root), y)
                              for y in earlier_years(year)) if t is not None]
    empty = pa.table({"year": pa.array([], pa.int64()), "level": pa.array([], pa.string()),
                      "area_code": pa.array([], pa.string()),
                      "indicator": pa.array([], pa.int64()),
                      "measure": pa.array([], pa.string()),
                      "breakdown": pa.array([], pa.string()), "group": pa.array([], pa.string()),
                      "numerator": pa.array([], pa.int64()),
                      "value": pa.array([], pa.float64())})
    cast = [t.select(EARLIER_COLUMNS).cast(empty.schema) for t in earlier]
    if "suppressed" not in indicators.column_names:
        indicators = indicators.append_column(
            "suppressed", pa.array([False] * indicators.num_rows)).append_column(
            "suppression_reason", pa.array([None] * indicators.num_rows, pa.string()))
    with duckdb.connect() as con:
        load_reference_table(con, "trend_measures")
        con.register("this_year", indicators)
        con.register("earlier_values", pa.concat_tables([empty, *cast]))
        return con.sql(sql_text("publish/trends.sql"), params={"year": year}).to_arrow_table()
