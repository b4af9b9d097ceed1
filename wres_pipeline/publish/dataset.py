"""The multi-year public dataset: each table of every year's latest public snapshot as one
hive-partitioned Parquet dataset, `<published>/public/dataset/<table>/year=<YYYY>/data.parquet`,
which DuckDB, pandas, polars and R arrow read in one call. The year lives in the folder name
(hive style), not in the files, so no reader sees it twice."""

from pathlib import Path

import pyarrow.parquet as pq

from wres_pipeline import probes
from wres_pipeline.atomic import replace_if_changed


def refresh_year(public_root: Path, snapshot_folder: Path, year: int) -> list[Path]:
    """Copy one year's public tables into the dataset (a file changes only if its bytes do)."""
    written = []
    for source in sorted(snapshot_folder.glob("*.parquet")):
        table = pq.read_table(source)
        table = table.drop_columns(["year"]).replace_schema_metadata(table.schema.metadata)
        target = Path(public_root) / "dataset" / source.stem / f"year={year}" / "data.parquet"
        replace_if_changed(target, lambda partial, table=table: pq.write_table(
            table, partial, compression="zstd"))
        written.append(target)
        probes.point("publish: public dataset half refreshed")
    return written
