"""A year's database: the connection PathsSettings gives keeps the row groups a load wrote."""

import numpy as np
import pyarrow as pa

from wres_pipeline.resources import PathsSettings


def test_closing_a_year_does_not_rewrite_the_loads_row_groups(tmp_path):
    # Four Arrow batches of 150,000 rows: each fills one 122,880-row group and part of another.
    # Vacuum would merge each run of part-filled groups on closing (rewriting every row); with
    # nothing deleted, there is nothing it needs to reclaim.
    batch = pa.record_batch({"n": pa.array(np.arange(150_000))})
    paths = PathsSettings.under(tmp_path)
    with paths.connect(2024) as con:
        con.register("batches", pa.Table.from_batches([batch] * 4))
        con.sql("create table loaded as select * from batches")
    with paths.connect(2024) as con:
        (groups,) = con.sql("select count(distinct row_group_id) from "
                            "pragma_storage_info('loaded')").fetchall()[0]
        total = con.sql("select count(*), sum(n) from loaded").fetchall()[0]
    assert groups == 8 and total == (600_000, 4 * 149_999 * 150_000 // 2)


def test_a_database_of_another_layout_is_started_again_not_migrated(tmp_path):
    import duckdb

    from wres_pipeline.resources import DATABASE_LAYOUT

    paths = PathsSettings.under(tmp_path)
    path = paths.database(2019)
    path.parent.mkdir(parents=True)
    with duckdb.connect(str(path)) as con:  # as an older version left it: no layout stamp
        con.sql("create schema raw; create table raw.esr as select 1 as n")
    with paths.connect(2019) as con:
        assert con.sql("select schema_name, table_name from duckdb_tables()").fetchall() == [
            ("main", "database_layout")]
        assert con.sql("select version from database_layout").fetchall() == [(DATABASE_LAYOUT,)]
        con.sql("create table kept as select 2 as n")
    with paths.connect(2019) as con:  # the current layout: nothing is touched
        assert con.sql("select n from kept").fetchall() == [(2,)]
