"""The same files give byte-identical published data wherever and whenever they are run: another
folder, time zone, locale, hash seed and Dagster instance change nothing."""

import shutil

from tests.reliability.cli import pointers, run_cli
from tests.reliability.tree import digests
from wres_pipeline.sample.generate import generate_year

YEAR = 2022


def _data_files(data):
    """Every Parquet file published or exchanged (manifests hold the time they were written)."""
    return {path: digest for path, digest in digests(data / "published").items()
            if path.endswith(".parquet")}


def test_same_inputs_give_the_same_bytes_on_another_machine(tmp_path):
    here, there = tmp_path / "here", tmp_path / "elsewhere" / "nested" / "there"
    generate_year(YEAR, here / "landing", seed=8, scale=0.003)
    shutil.copytree(here / "landing", there / "landing")

    first = run_cli(here, "run", "--years", str(YEAR))
    second = run_cli(there, "run", "--years", str(YEAR), TZ="Pacific/Auckland",
                     LC_ALL="C", LANG="C", PYTHONHASHSEED="12345")

    assert first.returncode == 0, first.stdout + first.stderr
    assert second.returncode == 0, second.stdout + second.stderr
    assert pointers(here, YEAR) == pointers(there, YEAR)  # snapshot ids hash the content
    files = _data_files(here)
    assert len(files) > 20 and files == _data_files(there)
