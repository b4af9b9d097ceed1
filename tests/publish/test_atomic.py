"""A publish that fails half-way leaves the previous snapshot and pointer exactly as they were;
the next run completes without manual cleanup."""

import pyarrow as pa
import pytest

from tests.conftest import materialize_year
from wres_pipeline.publish import snapshot as snapshot_module
from wres_pipeline.publish.snapshot import latest, publish
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

ORGS = pa.table({"year": [2024], "organisation_code": ["RXX"], "organisation_name": ["T"],
                 "region_code": ["Y56"], "region_name": ["London"], "icb_code": ["QMF"],
                 "icb_name": ["NHS North East London Integrated Care Board"],
                 "trust_type": ["acute"], "open_date": pa.array([None], pa.date32()),
                 "close_date": pa.array([None], pa.date32())})


def _tree(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_failure_inside_the_write_keeps_previous_snapshot(tmp_path, monkeypatch):
    first = publish(tmp_path, "internal", 2024, {"organisations": ORGS}, [], {"m": 1})
    before = _tree(tmp_path)
    changed = ORGS.set_column(2, "organisation_name", pa.array(["Renamed"]))

    def broken(folder, name, data, edition):
        (folder / f"{name}.parquet").write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(snapshot_module, "_write_table", broken)
    with pytest.raises(OSError, match="disk full"):
        publish(tmp_path, "internal", 2024, {"organisations": changed}, [], {"m": 1})
    assert _tree(tmp_path) == before
    assert latest(tmp_path, 2024) == first.snapshot_id
    assert not list((tmp_path / "2024").glob(".partial-*"))
    monkeypatch.undo()
    second = publish(tmp_path, "internal", 2024, {"organisations": changed}, [], {"m": 1})
    assert second.created and second.snapshot_id != first.snapshot_id
    assert latest(tmp_path, 2024) == second.snapshot_id
    assert (tmp_path / "2024" / first.snapshot_id / "manifest.json").exists()  # kept


def test_a_killed_publish_leaves_a_partial_that_the_next_run_clears(tmp_path):
    first = publish(tmp_path, "public", 2024, {"organisations": ORGS}, [], {})
    dead = tmp_path / "2024" / ".partial-999999-deadbeef"  # a process that no longer exists
    dead.mkdir()
    (dead / "organisations.parquet").write_bytes(b"truncated")
    assert latest(tmp_path, 2024) == first.snapshot_id
    again = publish(tmp_path, "public", 2024, {"organisations": ORGS}, [], {})
    assert not dead.exists() and not again.created and again.snapshot_id == first.snapshot_id


def test_pipeline_publish_failure_then_rerun(tmp_path, monkeypatch):
    paths = PathsSettings.under(tmp_path, tmp_path / "landing")
    generate_year(2021, tmp_path / "landing", seed=3, scale=0.01)
    assert materialize_year(paths, 2021).success
    published = tmp_path / "published"
    pointers = {e: (published / e / "2021" / "LATEST").read_text() for e in ("internal", "public")}
    before = _tree(published)
    calls = {"n": 0}
    real = snapshot_module._write_table

    def fail_third(folder, name, data, edition):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("killed half-way through the write")
        return real(folder, name, data, edition)

    monkeypatch.setattr(snapshot_module, "_write_table", fail_third)
    result = materialize_year(paths, 2021)
    assert not result.success and calls["n"] == 3
    assert {e: (published / e / "2021" / "LATEST").read_text()
            for e in ("internal", "public")} == pointers
    assert _tree(published) == before
    monkeypatch.setattr(snapshot_module, "_write_table", real)
    assert materialize_year(paths, 2021).success
