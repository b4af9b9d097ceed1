"""Every table an asset's SQL reads is written by that asset or by one it declares upstream: a
read the asset graph does not know about would let Dagster (a backfill, the UI's Materialize)
run the reader before, or without, the writer.

Who writes what is observed, not listed: the per-year assets are materialised one at a time, in
dependency order, on one real year, and after each the year's DuckDB catalog shows which tables
and views it (re)created. What each asset reads comes from DuckDB's own parser
(`json_serialize_sql`) over the SQL files its definition names.
"""

import json
import re

import dagster as dg
import duckdb

from tests.conftest import settings_for
from wres_pipeline.definitions import defs
from wres_pipeline.paths import PROJECT_ROOT
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

YEAR = 2023
RELATIONS = """select schema_name, table_name, 'table' from duckdb_tables()
               union all select schema_name, view_name, sql from duckdb_views()
               where not internal
               union all select schema_name, function_name, macro_definition
               from duckdb_functions() where function_type like '%macro' and not internal"""


def _catalog(database) -> dict[str, str]:
    """Every table, view and macro of a year's database with a fingerprint of what it holds:
    a table's columns and rows, a view's or a macro's definition. (Catalog ids are no use:
    DuckDB numbers the entries afresh each time it opens the file.)"""
    with duckdb.connect(str(database), read_only=True) as con:
        found = {}
        for schema, name, definition in con.sql(RELATIONS).fetchall():
            if definition == "table":
                columns = con.sql(f'describe "{schema}"."{name}"').fetchall()
                rows = con.sql(f'select count(*), bit_xor(hash(t)) from "{schema}"."{name}" t')
                definition = repr((columns, rows.fetchall()))
            found[f"{schema}.{name}"] = definition
        return found


# A file that defines a macro reads what the macro's body reads.
MACRO = re.compile(r"create\s+(?:or\s+replace\s+)?macro\s+[\w.]+\s*\([^)]*\)\s+as\s+(table\s+)?",
                   re.IGNORECASE)


def _read_by(sql_file: str) -> set[str]:
    """The schema-qualified tables, views and macros a SQL file reads (CTEs have no
    schema)."""
    text = (PROJECT_ROOT / sql_file).read_text(encoding="utf-8")
    macro = MACRO.search(text)
    if macro:
        body = text[macro.end():]
        text = body if macro.group(1) else f"select {body}"
    tree = json.loads(duckdb.execute("select json_serialize_sql($q)", {"q": text})
                      .fetchall()[0][0])
    assert not tree["error"], (sql_file, tree.get("error_message"))
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "BASE_TABLE" and node.get("schema_name"):
                found.add(f"{node['schema_name']}.{node['table_name']}")
            if node.get("type") == "FUNCTION" and node.get("schema"):
                found.add(f"{node['schema']}.{node['function_name']}")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return found


def test_every_table_an_assets_sql_reads_is_written_by_it_or_a_declared_upstream(tmp_path):
    generate_year(YEAR, tmp_path / "landing", seed=6, scale=0.003)
    paths = PathsSettings.under(tmp_path, tmp_path / "landing")
    graph = defs.resolve_asset_graph()
    year_assets = [a for a in defs.assets if isinstance(a, dg.AssetsDefinition)
                   and a.partitions_def is not None]
    per_year = [k for k in graph.toposorted_asset_keys
                if graph.get(k).partitions_def and graph.get(k).is_materializable]
    writers: dict[str, set[dg.AssetKey]] = {}
    seen: dict[str, str] = {}
    with dg.DagsterInstance.ephemeral() as instance:
        for key in per_year:
            result = dg.materialize(year_assets, partition_key=str(YEAR), selection=[key],
                                    resources={"settings": settings_for(paths)},
                                    instance=instance, raise_on_error=False)
            assert result.success, key
            catalog = _catalog(paths.database(YEAR))
            for name, fingerprint in catalog.items():
                if seen.get(name) != fingerprint:  # created or changed by this asset
                    writers.setdefault(name, set()).add(key)
            seen = catalog

    undeclared, checked = [], 0
    for key in per_year:
        node = graph.get(key)
        allowed = {key} | set(node.parent_keys)
        for sql_file in node.metadata["sql_files"].value:
            for table in _read_by(sql_file):
                checked += 1
                if table not in writers:
                    # In no catalog after any asset: a working table the reading asset made and
                    # dropped in its own step (raw text before validation, a reference list),
                    # which no other asset could read.
                    continue
                if not writers[table] & allowed:
                    undeclared.append((key.to_user_string(), sql_file, table,
                                       sorted(k.to_user_string() for k in writers[table])))
    assert checked > 30  # the parser sees the files' reads
    assert undeclared == [], "\n".join(map(str, undeclared))
