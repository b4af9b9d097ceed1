"""Kill the pipeline outright (SIGKILL) at each point of ingest, transform and publish where a
crash could do harm: what was published stays whole and in place, and the next run, with no
clean-up by hand, publishes exactly what an uninterrupted run does.

The kills come one after another on one data folder, in the order a run reaches the points: each
run after a kill must first get past the debris of the one before (a partial archive copy, a
half-written database, a partial or renamed snapshot, one edition moved) to reach its own point,
and the run after the last kill must finish the year from all of it. An uninterrupted run of the
same revised files elsewhere gives the snapshot ids and public dataset it must publish.
"""

import shutil
import signal

from tests.reliability.cli import complete, pointers, run_cli
from tests.reliability.editing import first_csv_return, read_rows, set_value
from tests.reliability.tree import as_found, digests, snapshot_files
from wres_pipeline.probes import POINTS
from wres_pipeline.publish.snapshot import PARTIAL_PREFIX
from wres_pipeline.sample.generate import generate_year

YEAR = 2024
# Points reached before the new snapshot is in place: every pointer must stay where it was.
BEFORE_ANY_POINTER_MOVES = POINTS[:5]


def _revise(data):
    """A trust resubmits its return with one figure corrected: a new, valid snapshot."""
    folder = data / "landing" / str(YEAR)
    file = first_csv_return(folder)
    rows = read_rows(folder / file)
    trained = int(rows[1][rows[0].index("accessed_non_mandatory_training")])
    set_value(folder, file, 2, "accessed_non_mandatory_training", str(abs(trained - 1)))


def _published_then_revised(tmp_path):
    """A year published from the command line, its return then revised; and what an
    uninterrupted run of the revised files publishes (its pointers and public dataset)."""
    data = tmp_path / "data"
    generate_year(YEAR, data / "landing", seed=5, scale=0.003)
    first = run_cli(data, "run", "--years", str(YEAR))
    assert first.returncode == 0, first.stdout + first.stderr
    _revise(data)
    reference = tmp_path / "reference"
    shutil.copytree(data, reference, symlinks=True)
    again = run_cli(reference, "run", "--years", str(YEAR))
    assert again.returncode == 0, again.stdout + again.stderr
    assert pointers(reference, YEAR) != pointers(data, YEAR)
    return data, pointers(reference, YEAR), digests(reference / "published" / "public" / "dataset")


def test_killed_runs_harm_nothing_and_the_next_run_recovers(tmp_path):
    data, expected, expected_public = _published_then_revised(tmp_path)

    for point in POINTS:
        before, pointed = digests(data / "published"), pointers(data, YEAR)

        killed = run_cli(data, "run", "--years", str(YEAR), WRES_KILL_AT=point)

        # The run reached the point (past the previous kill's debris) and died there.
        assert killed.returncode == -signal.SIGKILL, (point, killed.stdout + killed.stderr)
        after = digests(data / "published")
        kept = snapshot_files(before)
        assert as_found(kept, after) == kept, point  # nothing published moved or changed
        for edition, snapshot in pointers(data, YEAR).items():
            assert complete(data / "published" / edition / str(YEAR) / snapshot), (point, edition)
        if point in BEFORE_ANY_POINTER_MOVES:
            assert pointers(data, YEAR) == pointed, point

    rerun = run_cli(data, "run", "--years", str(YEAR))

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert pointers(data, YEAR) == expected
    # The public dataset is whole again too, byte for byte.
    assert digests(data / "published" / "public" / "dataset") == expected_public
    leftovers = [p for p in data.rglob("*") if ".partial-" in p.name
                 or p.name.startswith(PARTIAL_PREFIX)]
    assert leftovers == []
