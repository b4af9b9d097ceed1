"""The annual schedule, the landing-zone sensor and the run-failure summary."""

import datetime as dt
import os
import time

import dagster as dg

from tests.conftest import materialize_year, settings_for
from wres_pipeline.definitions import defs
from wres_pipeline.resources import AlertSettings, PathsSettings
from wres_pipeline.run_failures import run_failure_summary
from wres_pipeline.sample.generate import generate_year
from wres_pipeline.schedules import annual_wres_run
from wres_pipeline.sensors import landing_changes
from wres_pipeline.unchanged import published_from

YEARS = {str(y) for y in range(2015, 2027)}


def test_annual_schedule_runs_the_current_year_after_collection_closes():
    assert annual_wres_run.cron_schedule == "0 6 1 9 *"
    context = dg.build_schedule_context(
        scheduled_execution_time=dt.datetime(2025, 9, 1, 6, tzinfo=dt.UTC))
    request = annual_wres_run(context)
    assert request.partition_key == "2025" and request.run_key == "annual-2025"
    assert annual_wres_run.job_name == "wres_year"


def _write(path, text, age):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))


def test_landing_sensor_runs_changed_settled_years_once(tmp_path):
    _write(tmp_path / "2023" / "esr_staff_in_post.csv", "a", age=600)
    _write(tmp_path / "2024" / "staff_survey.csv", "b", age=600)
    _write(tmp_path / "notes" / "readme.txt", "c", age=600)  # not a year: ignored
    now = time.time()
    requests, cursor = landing_changes(tmp_path, {}, now, 120, YEARS)
    assert [r.partition_key for r in requests] == ["2023", "2024"]
    # One batch: 2024's step that reads 2023 waits for 2023's run (wres_pipeline/year_order.py).
    assert len({r.tags["wres/batch"] for r in requests}) == 1
    requests, cursor = landing_changes(tmp_path, cursor, now, 120, YEARS)
    assert requests == []  # nothing changed since
    _write(tmp_path / "2024" / "trust_returns" / "RR8.csv", "resubmitted", age=5)
    assert landing_changes(tmp_path, cursor, time.time(), 120, YEARS)[0] == []  # still moving
    _write(tmp_path / "2024" / "trust_returns" / "RR8.csv", "resubmitted", age=300)
    requests, cursor = landing_changes(tmp_path, cursor, time.time(), 120, YEARS)
    assert [r.partition_key for r in requests] == ["2024"]
    _write(tmp_path / "2024" / "~$RR8.xlsx", "lock", age=1)  # an open spreadsheet's lock file
    assert landing_changes(tmp_path, cursor, time.time(), 120, YEARS)[0] == []


def test_switching_the_sensor_on_reruns_only_what_was_not_published_from_these_files(tmp_path):
    landing = tmp_path / "landing"
    paths = PathsSettings.under(tmp_path, landing)
    generate_year(2021, landing, seed=2, scale=0.003)
    generate_year(2022, landing, seed=2, scale=0.003)
    assert materialize_year(paths, 2022, upto="publish").success

    def published(year):
        return published_from(landing, tmp_path / "published", year)

    later = time.time() + 600  # every file settled
    # A new cursor (the sensor just switched on): 2022 was published from these very files.
    requests, cursor = landing_changes(landing, {}, later, 120, YEARS, published)
    assert [r.partition_key for r in requests] == ["2021"]
    # The same file copied in again (a new modification time, the same bytes): no rerun.
    survey = landing / "2022" / "staff_survey.csv"
    _write(survey, survey.read_text(encoding="utf-8"), age=300)
    requests, cursor = landing_changes(landing, cursor, later, 120, YEARS, published)
    assert requests == []
    # A corrected file: the year runs.
    _write(survey, survey.read_text(encoding="utf-8") + "\n", age=300)
    requests, cursor = landing_changes(landing, cursor, later, 120, YEARS, published)
    assert [r.partition_key for r in requests] == ["2022"]


def test_failed_run_gets_a_summary_naming_step_and_check(tmp_path, webhook):
    url, posted = webhook
    paths = PathsSettings.under(tmp_path, tmp_path / "landing")
    generate_year(2020, tmp_path / "landing", seed=2, scale=0.01,
                  faults=["esr_fte_out_of_range"])
    (tmp_path / "home").mkdir()
    with dg.instance_for_test(temp_dir=str(tmp_path / "home")) as instance:
        result = materialize_year(paths, 2020, instance=instance)
        assert not result.success
        (failure,) = [entry.dagster_event for entry in instance.all_logs(
            result.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)]
        context = dg.build_run_status_sensor_context(
            sensor_name="run_failure_summary", dagster_event=failure,
            dagster_instance=instance, dagster_run=instance.get_run_by_id(result.run_id),
            resources={"settings": settings_for(paths, alerts=AlertSettings(webhook_url=url))},
        ).for_run_failure()
        run_failure_summary(context)
    text = (tmp_path / "operations" / "run_failures" / f"{result.run_id}.md").read_text()
    assert "WRES year: 2020" in text
    assert "`staging__esr_staff_in_post`" in text and "fte_in_range" in text
    assert "2020/esr_staff_in_post.csv, row" in text
    assert "started by: manual" in text
    ((_, alert),) = posted  # the same summary went to the configured webhook
    assert alert["text"] == text and alert["year"] == "2020"
    assert alert["subject"] == "WRES pipeline: the run for 2020 failed at " \
        "staging__esr_staff_in_post"


def test_definitions_have_the_schedule_and_sensors():
    assert [s.name for s in defs.schedules] == ["annual_wres_run"]
    assert {s.name for s in defs.sensors} == {"landing_zone_sensor", "run_failure_summary"}
