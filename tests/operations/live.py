"""The Dagster webserver and daemon, started for real on 127.0.0.1 as `wres-pipeline ui` starts
them, for the tests that drive them through GraphQL as the UI does; stopped by their process
ids."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from wres_pipeline.instance import prepare_home
from wres_pipeline.publish.snapshot import latest
from wres_pipeline.ui import commands

ROOT = Path(__file__).resolve().parents[2]
LOCATION = {"repositoryLocationName": "wres_pipeline", "repositoryName": "__repository__"}
FINISHED = ("SUCCESS", "FAILURE", "CANCELED")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def graphql(url: str, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(f"{url}/graphql", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    assert "errors" not in answer, answer["errors"]
    return answer["data"]


def repositories(url: str) -> list:
    answer = graphql(url, "{ repositoriesOrError { ... on RepositoryConnection { nodes { name } "
                          "} } }")
    return answer["repositoriesOrError"].get("nodes") or []


def _stop(process: subprocess.Popen) -> None:
    """Stop a process started here, by its id; its group is killed if it lingers."""
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise


@contextmanager
def running_ui(root: Path, extra_env: dict | None = None):
    """The webserver and the daemon on a new Dagster home under `root`, data under
    `root/data`; yields the server's URL and the two process ids once its code location has
    loaded. Each process leads its own session, which the processes it starts (code servers,
    runs) stay in. The server and every run it launches log to `root/ui.log`."""
    env = dict(os.environ, WRES_DATA_DIR=str(root / "data"), **(extra_env or {}))
    # A dagster.yaml already there and written by a person (the production one) is kept.
    env["DAGSTER_HOME"] = str(prepare_home(root / "dagster_home"))
    # The storage first, as `wres-pipeline ui` does: two processes creating it collide.
    subprocess.run([sys.executable, "-c", "from wres_pipeline.instance import create_storage; "
                    "create_storage()"], cwd=ROOT, env=env, check=True)
    port = free_port()
    command = commands("127.0.0.1", port)  # the command lines `wres-pipeline ui` runs
    # The server and its runs log a lot: to a file, never to an unread pipe.
    with open(root / "ui.log", "wb") as log:
        started = [subprocess.Popen(command[name], cwd=ROOT, env=env, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)
                   for name in ("webserver", "daemon")]
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_loaded(url, started, root)
            yield url, [process.pid for process in started]
        finally:
            for process in started:
                _stop(process)
            assert all(process.returncode is not None for process in started)


def _wait_until_loaded(url: str, started: list, root: Path) -> None:
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            # The server answers before it has loaded the code location: wait for the latter.
            if repositories(url):
                return
        except OSError:
            pass
        if any(process.poll() is not None for process in started):
            raise AssertionError((root / "ui.log").read_text()[-2000:])
        time.sleep(1)
    raise AssertionError("the code location did not load in 120 s")


def run_status(url: str, run_id: str) -> str:
    return graphql(url, "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }",
                   {"id": run_id})["runOrError"]["status"]


def wait_for_run(url: str, run_id: str, timeout: float = 300) -> str:
    deadline, status = time.time() + timeout, None
    while time.time() < deadline:
        status = run_status(url, run_id)
        if status in FINISHED:
            return status
        time.sleep(2)
    return status


def snapshot_ids(data: Path, years) -> dict[int, str | None]:
    """Each year's LATEST internal snapshot id under the data folder (None: unpublished)."""
    return {year: latest(data / "published" / "internal", year) for year in years}
