"""The Dagster UI's server, started for real on 127.0.0.1: its GraphQL API shows the asset graph,
partitions, checks and schedule, and launches a run of one WRES year that the daemon takes from
the run queue and that succeeds. The server and the daemon are stopped by their process ids."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from wres_pipeline.instance import prepare_home
from wres_pipeline.sample.generate import generate_year
from wres_pipeline.ui import commands

ROOT = Path(__file__).resolve().parents[2]
LOCATION = {"repositoryLocationName": "wres_pipeline", "repositoryName": "__repository__"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(command: list[str], env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    """Stop a process this module started, by its id; its group is killed if it lingers."""
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise
    assert process.returncode is not None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The webserver and the daemon (which starts queued runs and evaluates the sensors), as
    `wres-pipeline ui` runs them, on a new Dagster home."""
    root = tmp_path_factory.mktemp("webserver")
    generate_year(2024, root / "data" / "landing", seed=5, scale=0.005)
    home = root / "dagster_home"
    env = dict(os.environ, WRES_DATA_DIR=str(root / "data"))
    env["DAGSTER_HOME"] = str(prepare_home(home))
    # The storage first, as `wres-pipeline ui` does: two processes creating it collide.
    subprocess.run([sys.executable, "-c", "from wres_pipeline.instance import create_storage; "
                    "create_storage()"], cwd=ROOT, env=env, check=True)
    port = _free_port()
    command = commands("127.0.0.1", port)  # the command lines `wres-pipeline ui` runs
    # The server and the runs it launches log a lot: to a file, never to an unread pipe.
    log = open(root / "webserver.log", "wb")  # noqa: SIM115 (closed after the server stops)
    webserver = _start(command["webserver"], env, log)
    daemon = _start(command["daemon"], env, log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/server_info", timeout=2)
            break
        except OSError:
            if webserver.poll() is not None or daemon.poll() is not None:
                pytest.fail((root / "webserver.log").read_text()[-2000:])
            time.sleep(1)
    # The server answers before it has loaded the code location: wait for the repository.
    while time.time() < deadline and not _repositories(url):
        time.sleep(1)
    try:
        yield url, root
    finally:
        try:
            _stop(webserver)
            _stop(daemon)
        finally:
            log.close()


def graphql(url: str, query: str, variables: dict | None = None) -> dict:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(f"{url}/graphql", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    assert "errors" not in answer, answer["errors"]
    return answer["data"]


def _repositories(url: str) -> list:
    answer = graphql(url, "{ repositoriesOrError { ... on RepositoryConnection { nodes { name } "
                          "} } }")
    return answer["repositoriesOrError"].get("nodes") or []


def _listening(port: int) -> set[str]:
    """The local addresses with a socket listening on `port`, as the kernel lists them
    (/proc/net/tcp and tcp6: hex address and port; state 0A is LISTEN)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_it_listens_on_loopback_only(server):
    url, _ = server
    port = int(url.rsplit(":", 1)[1])
    # 0100007F is 127.0.0.1 in the kernel's byte order; 0.0.0.0 or :: would be every address.
    assert _listening(port) == {"0100007F"}


def test_asset_graph_partitions_and_checks(server):
    url, _ = server
    nodes = graphql(url, """{ assetNodes { assetKey { path } groupName partitionKeys
        assetChecksOrError { ... on AssetChecks { checks { name blocking } } } } }""")
    nodes = {"/".join(n["assetKey"]["path"]): n for n in nodes["assetNodes"]}
    assert {"staging/esr_staff_in_post", "indicators/wres_indicators", "publish/snapshot",
            "report/national_report", "publish/time_series"} <= set(nodes)
    assert nodes["publish/snapshot"]["groupName"] == "publish"
    assert nodes["staging/esr_staff_in_post"]["partitionKeys"][0] == "2015"
    assert "2025" in nodes["staging/esr_staff_in_post"]["partitionKeys"]
    checks = {c["name"]: c["blocking"] for c in
              nodes["staging/trust_return"]["assetChecksOrError"]["checks"]}
    assert checks["appointed_not_above_shortlisted"] is True


def test_schedule_and_sensors(server):
    url, _ = server
    repos = graphql(url, """{ repositoriesOrError { ... on RepositoryConnection { nodes {
        name schedules { name cronSchedule } sensors { name } } } } }""")
    (repo,) = repos["repositoriesOrError"]["nodes"]
    assert repo["schedules"] == [{"name": "annual_wres_run", "cronSchedule": "0 6 1 9 *"}]
    assert {s["name"] for s in repo["sensors"]} == {"landing_zone_sensor",
                                                    "run_failure_summary"}


def test_launch_a_year_and_see_it_succeed(server):
    url, root = server
    launched = graphql(url, """mutation($params: ExecutionParams!) { launchRun(
        executionParams: $params) { __typename ... on LaunchRunSuccess { run { runId } }
        ... on PythonError { message } } }""", {"params": {
        "selector": {**LOCATION, "jobName": "wres_year"},
        "executionMetadata": {"tags": [{"key": "dagster/partition", "value": "2024"}]}}})
    assert launched["launchRun"]["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["launchRun"]["run"]["runId"]
    deadline, status = time.time() + 300, None
    while time.time() < deadline:
        status = graphql(url, "query($id: ID!) { runOrError(runId: $id) { ... on Run { status }"
                              " } }", {"id": run_id})["runOrError"]["status"]
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        time.sleep(2)
    assert status == "SUCCESS"
    assert (root / "data" / "published" / "public" / "2024" / "LATEST").exists()
