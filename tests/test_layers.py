"""One asset, one name: every asset's key prefix, group, Python package and SQL folder agree, and
the data walks one way through the layers (wres_pipeline/layers.py, docs/architecture.md)."""

import inspect
import re
import sys
from pathlib import Path

import dagster as dg
import pytest

from wres_pipeline.definitions import defs
from wres_pipeline.layers import LAYERS, asset_key
from wres_pipeline.partitions import wres_year_partitions
from wres_pipeline.publish.latest_snapshot import LATEST_SNAPSHOT

ROOT = Path(__file__).resolve().parents[1]
SQL_LITERAL = re.compile(r"[\"']((?:[a-z_]+/)+[a-z_]+\.sql)[\"']")
# SQL files a command runs on published files, not an asset (wres-pipeline coverage).
COMMAND_SQL = {"publish/coverage.sql"}


def _assets():
    return [a for a in defs.assets if isinstance(a, dg.AssetsDefinition)]


def test_observed_sources_are_named_as_assets_are():
    sources = [a for a in defs.assets if isinstance(a, dg.SourceAsset)]
    assert [s.key.to_user_string() for s in sources] == ["publish/latest_snapshot"]
    for source in sources:
        layer = source.key.path[0]
        assert source.group_name == layer
        assert source.observe_fn.__module__.split(".")[:2] == ["wres_pipeline", layer]


def _module(assets_def):
    return sys.modules[assets_def.op.compute_fn.decorated_fn.__module__]


def _sql(assets_def) -> list[str]:
    (key,) = assets_def.keys
    files = assets_def.metadata_by_key[key]["sql_files"].value
    return [f.removeprefix("assets/") for f in files]


def test_every_asset_key_group_package_and_sql_folder_agree():
    for assets_def in _assets():
        (key,) = assets_def.keys
        layer = key.path[0]
        assert len(key.path) == 2 and layer in LAYERS, key
        assert assets_def.group_names_by_key[key] == layer, key
        assert _module(assets_def).__name__.split(".")[:2] == ["wres_pipeline", layer], key
        own = [f for f in _sql(assets_def) if f.split("/")[0] == layer]
        reused = [f for f in _sql(assets_def) if f.split("/")[0] != layer]
        # Another layer's SQL is reused only from a layer before (a formula, never copied).
        assert all(LAYERS.index(f.split("/")[0]) < LAYERS.index(layer) for f in reused), key
        for relative in own + reused:
            assert (ROOT / "assets" / relative).is_file(), (key, relative)


def test_every_sql_file_an_asset_module_names_is_declared_by_its_assets():
    declared_by_module = {}
    for assets_def in _assets():
        declared_by_module.setdefault(_module(assets_def), set()).update(_sql(assets_def))
    for module, declared in declared_by_module.items():
        named = set(SQL_LITERAL.findall(inspect.getsource(module)))
        assert named <= declared, (module.__name__, named - declared)


def test_every_sql_file_belongs_to_an_asset():
    declared = {f for a in _assets() for f in _sql(a)}
    on_disk = {p.relative_to(ROOT / "assets").as_posix()
               for p in (ROOT / "assets").rglob("*.sql")}
    assert on_disk - declared == COMMAND_SQL
    assert {f.split("/")[0] for f in on_disk} <= set(LAYERS)


def test_no_dependency_runs_from_a_later_layer_to_an_earlier_one():
    graph = defs.resolve_asset_graph()
    edges = 0
    for key in graph.get_all_asset_keys():
        for parent in graph.get(key).parent_keys:
            edges += 1
            if parent != LATEST_SNAPSHOT:
                assert LAYERS.index(parent.path[0]) <= LAYERS.index(key.path[0]), (parent, key)
    assert edges > 20


def test_earlier_years_are_read_only_as_published_and_only_earlier():
    """A year depends on another year's partition only through publish/latest_snapshot (what
    that year published), and only on years before its own."""
    graph = defs.resolve_asset_graph()
    partitions = wres_year_partitions.get_partition_keys()
    readers = set()
    for key in graph.get_all_asset_keys():
        if not graph.get(key).is_partitioned:
            continue
        for parent in graph.get(key).parent_keys:
            mapping = graph.get_partition_mapping(key, parent)
            if parent != LATEST_SNAPSHOT:
                same_year = isinstance(mapping, dg.IdentityPartitionMapping) or (
                    isinstance(mapping, dg.TimeWindowPartitionMapping)
                    and mapping.start_offset == mapping.end_offset == 0)
                assert same_year or not graph.get(parent).is_partitioned, (key, parent)
                continue
            readers.add(key.to_user_string())
            for year in partitions:
                upstream = mapping.get_upstream_mapped_partitions_result_for_partitions(
                    wres_year_partitions.subset_with_partition_keys([year]),
                    wres_year_partitions, wres_year_partitions)
                assert all(int(k) < int(year) for k in
                           upstream.partitions_subset.get_partition_keys()), (key, year)
    assert readers == {"indicators/return_counts", "indicators/model_employer",
                       "publish/snapshot", "report/site"}


def test_upstream_assets_are_referenced_as_objects_not_retyped_keys():
    for module in {_module(a) for a in _assets()}:
        assert "AssetKey([" not in inspect.getsource(module), module.__name__


def test_the_definitions_list_the_assets_in_the_order_the_data_walks():
    layers = [next(iter(a.keys)).path[0] for a in _assets()]
    assert layers == sorted(layers, key=LAYERS.index)
    assert set(layers) == set(LAYERS)


def test_a_key_outside_the_layers_is_refused():
    with pytest.raises(ValueError, match="layer"):
        asset_key("ingest/esr_staff_in_post")
    with pytest.raises(ValueError, match="layer"):
        asset_key("indicators")
