"""The Dagster UI's server, started for real on 127.0.0.1: its GraphQL API shows the asset graph,
partitions, checks and schedule, and launches a run of one WRES year that the daemon takes from
the run queue and that succeeds. The server and the daemon are stopped by their process ids."""

from pathlib import Path

import pytest

from tests.operations.live import LOCATION, graphql, running_ui, wait_for_run
from wres_pipeline.sample.generate import generate_year


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The webserver and the daemon (which starts queued runs and evaluates the sensors), as
    `wres-pipeline ui` runs them, on a new Dagster home."""
    root = tmp_path_factory.mktemp("webserver")
    generate_year(2024, root / "data" / "landing", seed=5, scale=0.005)
    with running_ui(root) as (url, _):
        yield url, root


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
            "report/site", "publish/time_series"} <= set(nodes)
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
    assert wait_for_run(url, launched["launchRun"]["run"]["runId"]) == "SUCCESS"
    assert (root / "data" / "published" / "public" / "2024" / "LATEST").exists()
