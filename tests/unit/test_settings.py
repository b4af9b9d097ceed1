"""Settings are loaded once, into one nested resource everything is built from; tests and
deployments override that one copy, section by section."""

import re
from pathlib import Path

import dagster as dg
import pytest

from wres_pipeline.definitions import defs
from wres_pipeline.indicators.results import BASELINE_YEAR, model_employer
from wres_pipeline.resources import PathsSettings
from wres_pipeline.settings import current, load

PACKAGE = Path(__file__).resolve().parents[2] / "wres_pipeline"


def test_the_code_location_runs_on_the_one_loaded_copy():
    assert defs.resources == {"settings": current()}
    assert current() is current()


def test_only_the_settings_module_reads_the_settings_file():
    readers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name != "settings.py" and (re.search(r"\btomllib\b|settings\.load\(", text)
                                           or "from_settings" in text):
            readers.append(path.relative_to(PACKAGE).as_posix())
    # The contracts are TOML too, read by their own module; no other file reads settings.
    assert readers == ["contracts/__init__.py"]


def test_a_settings_file_is_read_whole_with_the_environment_overrides(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    text = (PACKAGE.parent / "config.toml").read_text(encoding="utf-8")
    config.write_text(text.replace("disclosure_threshold = 7", "disclosure_threshold = 9"),
                      encoding="utf-8")
    monkeypatch.setenv("WRES_DATA_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    loaded = load(config)
    assert loaded.publish.disclosure_threshold == 9
    assert loaded.paths.landing == str(tmp_path / "elsewhere" / "landing")
    assert loaded.dagster_home == str(tmp_path / ".dagster_home")
    assert loaded.recorded()["disclosure_threshold"] == 9


def test_a_section_is_replaced_whole_and_nothing_else_changes(tmp_path):
    paths = PathsSettings.under(tmp_path)
    changed = current().replace(paths=paths)
    assert changed.paths == paths and changed.method == current().method
    assert current().paths != paths  # the loaded copy itself is untouched
    with pytest.raises(ValueError, match="no settings section"):
        current().replace(thresholds=paths)


def test_a_run_whose_baseline_year_differs_from_the_lineage_stops(tmp_path):
    """The baseline year's partition is part of the asset graph: settings that name another
    year cannot silently read a year the lineage does not show."""
    other = current().method.model_copy(
        update={"model_employer_baseline_year": BASELINE_YEAR + 1})
    result = dg.materialize(
        [model_employer], partition_key="2023", raise_on_error=False,
        resources={"settings": current().replace(paths=PathsSettings.under(tmp_path),
                                                 method=other)})
    assert not result.success
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    assert f"as the Model Employer baseline year but the asset graph was built for " \
           f"{BASELINE_YEAR}" in str(failure.step_failure_data.error.cause or
                                     failure.step_failure_data.error)
    assert not (tmp_path / "warehouse").exists()  # stopped before opening the year's database
