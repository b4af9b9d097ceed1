"""A published pair of sample years (the Model Employer baseline 2018 and 2023, five years on)
with their sites, shared by the site tests."""

from pathlib import Path

import pytest

from tests.conftest import materialize_year
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

OUTPUT = Path(__file__).resolve().parents[1] / "output"


@pytest.fixture(scope="session")
def published_sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    paths = PathsSettings.under(root, root / "landing")
    for year in (2018, 2023):
        generate_year(year, root / "landing", seed=29, scale=0.05)
        assert materialize_year(paths, year).success
    return paths
