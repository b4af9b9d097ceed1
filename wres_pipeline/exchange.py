"""Cross-year exchange: checked aggregate tables one year publishes for later years to read.

A year works only in its own DuckDB file, so anything another year needs (indicator 3's prior
year, Model Employer's baseline year, the time series) goes through Parquet files under
`<published>/exchange/<table>/year=<YYYY>/data.parquet`. They hold counts, never person-level
rows, are written only from validated data, and appear by an atomic rename, so a reader never
sees half a file. Same inputs, same bytes.
"""

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from wres_pipeline.atomic import replace_if_changed


def path(published: str | Path, table: str, year: int) -> Path:
    return Path(published) / "exchange" / table / f"year={year}" / "data.parquet"


def write(published: str | Path, table: str, year: int, data: pa.Table) -> Path:
    """Replace one year's file of an exchange table atomically, and only if its bytes change:
    a rerun on unchanged inputs leaves the published file as it was."""
    target = path(published, table, year)
    replace_if_changed(target, lambda partial: pq.write_table(
        data, partial, compression="zstd", write_statistics=True))
    return target


def read(published: str | Path, table: str, year: int) -> pa.Table | None:
    """One year's exchange table, or None when that year has not published it."""
    source = path(published, table, year)
    return pq.read_table(source) if source.exists() else None


def years(published: str | Path, table: str) -> list[int]:
    """The years that have published an exchange table."""
    folder = Path(published) / "exchange" / table
    return sorted(int(p.name.removeprefix("year=")) for p in folder.glob("year=*")
                  if (p / "data.parquet").exists())
