"""Years launched together: a year's reading step waits for the earlier years of its group that
have started, and for nothing else (wres_pipeline/year_order.py), on a real Dagster instance."""

import logging
import threading
import time

import dagster as dg
import pytest
from dagster._core.test_utils import create_run_for_test

from wres_pipeline.year_order import earlier_running, wait

LOG = logging.getLogger("test_year_order")


def _run(instance, year, status, **tags):
    return create_run_for_test(instance, status=status,
                               tags={"dagster/partition": str(year), **tags})


def test_only_started_earlier_years_of_the_same_group_are_waited_for():
    with dg.DagsterInstance.ephemeral() as instance:
        group = {"dagster/backfill": "abc"}
        started = dg.DagsterRunStatus.STARTED
        me = _run(instance, 2021, started, **group)
        earlier = _run(instance, 2019, started, **group)
        _run(instance, 2020, dg.DagsterRunStatus.NOT_STARTED, **group)  # not started: not waited
        _run(instance, 2017, dg.DagsterRunStatus.SUCCESS, **group)  # finished
        _run(instance, 2018, dg.DagsterRunStatus.FAILURE, **group)  # finished
        _run(instance, 2022, started, **group)  # a later year
        _run(instance, 2016, started, **{"dagster/backfill": "other"})  # another backfill
        _run(instance, 2015, started)  # launched on its own
        assert earlier_running(instance, me, 2021) == [(2019, earlier.run_id)]
        batch = _run(instance, 2021, started, **{"wres/batch": "landing-1"})
        sensor_earlier = _run(instance, 2020, dg.DagsterRunStatus.STARTING,
                              **{"wres/batch": "landing-1"})
        assert earlier_running(instance, batch, 2021) == [(2020, sensor_earlier.run_id)]
        alone = _run(instance, 2021, started)
        assert earlier_running(instance, alone, 2021) == []


def test_a_step_waits_until_the_earlier_year_has_finished():
    with dg.DagsterInstance.ephemeral() as instance:
        group = {"dagster/backfill": "abc"}
        me = _run(instance, 2020, dg.DagsterRunStatus.STARTED, **group)
        earlier = _run(instance, 2019, dg.DagsterRunStatus.STARTED, **group)
        finish = threading.Timer(1.0, instance.report_run_failed, [earlier])
        finish.start()
        started = time.monotonic()
        wait(instance, me, 2020, "the year before", LOG, timeout=60)
        assert time.monotonic() - started >= 1.0
        assert instance.get_run_by_id(earlier.run_id).status == dg.DagsterRunStatus.FAILURE


def test_a_run_that_never_finishes_stops_the_wait_with_the_reason():
    with dg.DagsterInstance.ephemeral() as instance:
        group = {"dagster/backfill": "abc"}
        me = _run(instance, 2020, dg.DagsterRunStatus.STARTED, **group)
        stuck = _run(instance, 2019, dg.DagsterRunStatus.STARTED, **group)
        with pytest.raises(dg.Failure, match=f"2019 \\(run {stuck.run_id}\\).*rerun 2020"):
            wait(instance, me, 2020, "the year before", LOG, timeout=0.5)
