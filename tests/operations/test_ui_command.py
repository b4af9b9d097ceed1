"""`wres-pipeline ui` starts the webserver and the daemon on 127.0.0.1, and SIGTERM or SIGINT
stops both: nothing is left running."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.operations.live import ROOT, free_port, graphql


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) is not running.
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_ui_runs_webserver_and_daemon_and_a_signal_stops_both(tmp_path, signum):
    port = free_port()
    env = dict(os.environ, WRES_DATA_DIR=str(tmp_path / "data"),
               DAGSTER_HOME=str(tmp_path / "home"))
    ui = subprocess.Popen([sys.executable, "-m", "wres_pipeline.cli", "ui", "--port", str(port)],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, start_new_session=True)
    try:
        first = ui.stdout.readline()
        pids = [int(p) for p in re.findall(r"pid (\d+)", first)]
        assert f"http://127.0.0.1:{port}" in first and len(pids) == 2, first
        url, deadline = f"http://127.0.0.1:{port}", time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"{url}/server_info", timeout=2)
                break
            except OSError:
                time.sleep(1)
        running, needed = set(), {"SENSOR", "SCHEDULER", "QUEUED_RUN_COORDINATOR", "BACKFILL"}
        while time.time() < deadline and not needed <= running:  # the daemon reports in
            health = graphql(url, "{ instance { daemonHealth { allDaemonStatuses { "
                                  "daemonType healthy } } } }")
            running = {d["daemonType"] for d in
                       health["instance"]["daemonHealth"]["allDaemonStatuses"] if d["healthy"]}
            time.sleep(2)
        assert needed <= running, running

        os.kill(ui.pid, signum)
        assert ui.wait(timeout=90) == 0
    finally:
        if ui.poll() is None:
            os.killpg(ui.pid, signal.SIGKILL)
        ui.stdout.close()
    assert [pid for pid in pids if _alive(pid)] == []
