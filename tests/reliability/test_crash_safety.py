"""Kill the pipeline outright (SIGKILL) at each point of ingest, transform and publish where a
crash could do harm: what was published stays whole and in place, and the next run, with no
clean-up by hand, publishes exactly what an uninterrupted run does."""

import shutil
import signal

import pytest

from tests.reliability.cli import complete, pointers, run_cli
from tests.reliability.editing import first_csv_return, read_rows, set_value
from tests.reliability.tree import digests, snapshot_files
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


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A year published from the command line, and what an uninterrupted rerun with the
    revised return publishes."""
    base = tmp_path_factory.mktemp("base")
    generate_year(YEAR, base / "landing", seed=5, scale=0.003)
    first = run_cli(base, "run", "--years", str(YEAR))
    assert first.returncode == 0, first.stdout + first.stderr
    reference = tmp_path_factory.mktemp("reference") / "data"
    shutil.copytree(base, reference, symlinks=True)
    _revise(reference)
    again = run_cli(reference, "run", "--years", str(YEAR))
    assert again.returncode == 0, again.stdout + again.stderr
    assert pointers(reference, YEAR) != pointers(base, YEAR)
    return base, pointers(reference, YEAR), digests(reference / "published" / "public" / "dataset")


@pytest.mark.parametrize("point", POINTS)
def test_a_killed_run_harms_nothing_and_the_next_run_recovers(point, published, tmp_path):
    base, expected, expected_public = published
    data = tmp_path / "data"
    shutil.copytree(base, data, symlinks=True)
    _revise(data)
    before, pointed = digests(data / "published"), pointers(data, YEAR)

    killed = run_cli(data, "run", "--years", str(YEAR), WRES_KILL_AT=point)

    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    after = digests(data / "published")
    kept = snapshot_files(before)
    assert {path: after.get(path) for path in kept} == kept  # nothing published was touched
    for edition, snapshot in pointers(data, YEAR).items():
        assert complete(data / "published" / edition / str(YEAR) / snapshot), edition
    if point in BEFORE_ANY_POINTER_MOVES:
        assert pointers(data, YEAR) == pointed

    rerun = run_cli(data, "run", "--years", str(YEAR))

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert pointers(data, YEAR) == expected
    # The public dataset is whole again too, byte for byte.
    assert digests(data / "published" / "public" / "dataset") == expected_public
    leftovers = [p for p in data.rglob("*") if ".partial-" in p.name
                 or p.name.startswith(PARTIAL_PREFIX)]
    assert leftovers == []
