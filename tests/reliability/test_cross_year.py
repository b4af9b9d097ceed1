"""A later year reads an earlier one only from what it published, and knows when it changed.

Runs that never published (one stopped after the indicators, one killed part-way) leave every
published byte as it was and give a later year the same figures; a resubmitted earlier year
makes the later year stale, and `run --years Y-(Y+1)` republishes it with the new pooled counts.
"""

import json

import duckdb
import pytest

from tests.reliability.cli import pointers, run_cli
from tests.reliability.editing import first_csv_return, read_rows, set_value
from tests.reliability.tree import digests
from wres_pipeline.sample.generate import generate_year

pytestmark = pytest.mark.slow
EARLIER, LATER = 2023, 2024
KILL = "transform: indicators written, database not yet closed"


def _indicator_3(data, year):
    """England's indicator 3 entries (pooled over the window) and the snapshot they are in."""
    snapshot = pointers(data, year)["internal"]
    folder = data / "published" / "internal" / str(year) / snapshot
    with duckdb.connect() as con:
        (entered,) = con.sql(
            "select sum(numerator) from read_parquet($f) where level = 'england' "
            "and indicator = 3 and measure = 'rate'",
            params={"f": str(folder / "indicators.parquet")}).fetchall()[0]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    public = data / "published" / "public" / str(year) / pointers(data, year)["public"]
    assert json.loads((public / "manifest.json").read_text("utf-8"))["earlier_years"] \
        == manifest["earlier_years"]  # both editions name the earlier snapshots they rest on
    # The Model Employer baseline (2018) is recorded as wanted but not published.
    assert {"used_for": "model employer baseline", "snapshot_id": None, "year": 2018} \
        in manifest["earlier_years"]
    # The trend tables read one and five years before (the latter not published: wanted).
    assert {"used_for": "trend tables", "snapshot_id": None, "year": year - 5} \
        in manifest["earlier_years"]
    return entered, [u for u in manifest["earlier_years"] if u["used_for"] == "indicator 3 window"]


def _resubmit(data, extra: int) -> None:
    """A trust sends a corrected earlier-year return: more entries into disciplinary processes."""
    folder = data / "landing" / str(EARLIER)
    file = first_csv_return(folder)
    rows = read_rows(folder / file)
    column = rows[0].index("entered_formal_disciplinary")
    set_value(folder, file, 2, "entered_formal_disciplinary", str(int(rows[1][column]) + extra))


def test_later_years_read_only_published_earlier_years(tmp_path):
    data = tmp_path / "data"
    for year in (EARLIER, LATER):
        generate_year(year, data / "landing", seed=5, scale=0.003)
    first = run_cli(data, "run", "--years", f"{EARLIER}-{LATER}")
    assert first.returncode == 0, first.stdout + first.stderr
    published = digests(data / "published")
    entered, used = _indicator_3(data, LATER)
    earlier_snapshot = pointers(data, EARLIER)["internal"]
    published_public_snapshot = pointers(data, EARLIER)["public"]
    assert used == [{"used_for": "indicator 3 window", "snapshot_id": earlier_snapshot,
                     "year": EARLIER}]

    # The earlier year is resubmitted, but its runs never publish.
    _resubmit(data, 2)
    stopped = run_cli(data, "run", "--years", str(EARLIER), "--phase", "indicators")
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    killed = run_cli(data, "run", "--years", str(EARLIER), WRES_KILL_AT=KILL)
    assert killed.returncode == -9
    assert digests(data / "published") == published  # the exchange included
    forced = run_cli(data, "run", "--years", str(LATER), "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert _indicator_3(data, LATER) == (entered, used)
    assert digests(data / "published") == published

    # Once the earlier year publishes, the later one is stale, is rebuilt and says why.
    rerun = run_cli(data, "run", "--years", f"{EARLIER}-{LATER}")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{LATER}: stale ({EARLIER} republished (indicator 3 window)" in rerun.stdout
    new_snapshot = pointers(data, EARLIER)["internal"]
    assert new_snapshot != earlier_snapshot
    # The superseded public snapshot is withdrawn from the public folder, kept internal.
    public = data / "published" / "public" / str(EARLIER)
    assert sorted(p.name for p in public.iterdir() if p.is_dir()) \
        == [pointers(data, EARLIER)["public"]]
    withdrawn = data / "published" / "internal" / "withdrawn" / "public" / str(EARLIER)
    assert [p.name for p in withdrawn.iterdir()] == [published_public_snapshot]
    assert _indicator_3(data, LATER) == (entered + 2, [
        {"used_for": "indicator 3 window", "snapshot_id": new_snapshot, "year": EARLIER}])

    # Rebuilding only the earlier year rebuilds the later one too; then everything is current.
    _resubmit(data, 1)
    alone = run_cli(data, "run", "--years", str(EARLIER))
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert f"{LATER}: stale ({EARLIER} republished" in alone.stdout
    assert _indicator_3(data, LATER)[0] == entered + 3
    status = run_cli(data, "status")
    assert status.returncode == 0, status.stderr
    assert "STALE" not in status.stdout and status.stdout.count(" current") == 3
    again = run_cli(data, "run", "--years", f"{EARLIER}-{LATER}")
    assert again.returncode == 0 and "rebuilding" not in again.stdout
    assert again.stdout.count("unchanged since snapshot") == 2
