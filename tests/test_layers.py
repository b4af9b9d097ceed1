"""One asset, one name: every asset's key prefix, group, Python package and SQL folder agree, and
the data walks one way through the layers (wres_pipeline/layers.py, docs/architecture.md)."""

import inspect
import re
import sys
from pathlib import Path

import pytest

from wres_pipeline.definitions import defs
from wres_pipeline.layers import LAYERS, asset_key

ROOT = Path(__file__).resolve().parents[1]
SQL_LITERAL = re.compile(r"[\"']((?:[a-z_]+/)+[a-z_]+\.sql)[\"']")
# SQL files a command runs on published files, not an asset (wres-pipeline coverage).
COMMAND_SQL = {"publish/coverage.sql"}


def _assets():
    return [a for a in defs.assets if hasattr(a, "op")]


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
            assert LAYERS.index(parent.path[0]) <= LAYERS.index(key.path[0]), (parent, key)
    assert edges > 20


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
