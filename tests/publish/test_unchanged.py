"""A year is 'unchanged' only when its landing files, settings and code all match the latest
snapshot's manifest, and its report was built from the snapshots LATEST names (as the report's
own materialisation records it); any difference means a rebuild."""

import json

import dagster as dg

from tests.conftest import SETTINGS, materialize_year
from wres_pipeline.completion import BuiltFrom
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year
from wres_pipeline.unchanged import unchanged_snapshot

# The settings a run records, as `wres-pipeline run` compares them (config.toml's own).
METHOD = SETTINGS.recorded()


def test_unchanged_only_when_files_settings_and_code_match(tmp_path):
    paths = PathsSettings.under(tmp_path, tmp_path / "landing")
    landing, published = tmp_path / "landing", tmp_path / "published"
    instance = dg.DagsterInstance.ephemeral()
    built = BuiltFrom(instance)
    # Nothing published yet.
    assert unchanged_snapshot(landing, published, built, 2021, METHOD) is None
    generate_year(2021, landing, seed=6, scale=0.005)
    assert materialize_year(paths, 2021, instance=instance).success
    snapshot = unchanged_snapshot(landing, published, built, 2021, METHOD)
    assert snapshot is not None
    assert unchanged_snapshot(landing, published, built, 2021,
                              METHOD | {"confidence": 0.9}) is None
    survey = landing / "2021" / "staff_survey.csv"
    survey.write_text(survey.read_text() + "\n")  # a resubmission, however small
    assert unchanged_snapshot(landing, published, built, 2021, METHOD) is None
    survey.write_text(survey.read_text()[:-1])
    manifest = published / "internal" / "2021" / snapshot / "manifest.json"
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps(data | {"code_fingerprint": "another build"}))
    assert unchanged_snapshot(landing, published, built, 2021, METHOD) is None
    manifest.write_text(json.dumps(data))
    assert unchanged_snapshot(landing, published, built, 2021, METHOD) == snapshot

    # A run that published the resubmission but stopped before the report is not 'unchanged':
    # the report's record still names the snapshot before.
    survey.write_text(survey.read_text() + "\n")
    assert materialize_year(paths, 2021, instance=instance, upto="publish").success
    assert built.report(2021)["internal"] == snapshot
    assert unchanged_snapshot(landing, published, built, 2021, METHOD) is None
