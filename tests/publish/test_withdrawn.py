"""A superseded public snapshot leaves the public folder whole, for the internal one; the
snapshot `LATEST` names and partial folders of running writes stay."""

from wres_pipeline.publish.snapshot import POINTER
from wres_pipeline.publish.withdrawn import WITHDRAWN, withdraw_superseded


def _snapshot(root, year, name, text):
    folder = root / "public" / str(year) / name
    folder.mkdir(parents=True)
    (folder / "indicators.parquet").write_text(text)
    return folder


def test_superseded_public_snapshots_move_whole_to_the_internal_folder(tmp_path):
    _snapshot(tmp_path, 2023, "aaaa", "old")
    _snapshot(tmp_path, 2023, "bbbb", "new")
    _snapshot(tmp_path, 2023, ".partial-1-x", "being written")
    _snapshot(tmp_path, 2024, "cccc", "other year")
    for year, current in ((2023, "bbbb"), (2024, "cccc")):
        (tmp_path / "public" / str(year) / POINTER).write_text(current)

    moved = withdraw_superseded(tmp_path, 2023)

    assert moved == [tmp_path / WITHDRAWN / "2023" / "aaaa"]
    assert (moved[0] / "indicators.parquet").read_text() == "old"
    assert sorted(p.name for p in (tmp_path / "public" / "2023").iterdir()) \
        == [".partial-1-x", POINTER, "bbbb"]
    assert (tmp_path / "public" / "2024" / "cccc").is_dir()
    # Republished later with the same bytes (the same id) and withdrawn again: one copy kept.
    _snapshot(tmp_path, 2023, "aaaa", "old")
    assert withdraw_superseded(tmp_path, 2023) == moved
    assert not (tmp_path / "public" / "2023" / "aaaa").exists()
    assert withdraw_superseded(tmp_path, 2025) == []
