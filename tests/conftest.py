"""Shared fixtures: sample landing folders generated once per test session."""

import warnings

import dagster as dg
import pytest

from wres_pipeline.sample.generate import generate_year

warnings.filterwarnings("ignore", category=dg.PreviewWarning)

TEST_SEED = 7
TEST_SCALE = 0.01


@pytest.fixture(scope="session")
def landing_2024(tmp_path_factory):
    """A clean 2024 landing folder at test scale (about 16,000 assignments)."""
    landing = tmp_path_factory.mktemp("landing")
    generate_year(2024, landing, seed=TEST_SEED, scale=TEST_SCALE)
    return landing
