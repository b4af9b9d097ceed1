"""The production instance against a real PostgreSQL server: Debian's PostgreSQL (installed by
.ci/run when missing) runs a private cluster on 127.0.0.1, the production `dagster.yaml` of
docs/deployment.md points at it (its Docker run launcher left out: runs go in-process here), a
sample year runs from the command line, and the webserver reads the run and its
materialisations back through GraphQL. The server and the webserver are stopped by their ids."""

import glob
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.operations.live import ROOT, free_port, graphql, running_ui
from tests.operations.test_deployment import production_yaml
from wres_pipeline.sample.generate import generate_year

pytestmark = pytest.mark.slow
YEAR = 2024


def _program(name: str) -> str | None:
    """A PostgreSQL program: on PATH, or where Debian's package puts it."""
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) or not found else found[-1]


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="module")
def postgres():
    """A new PostgreSQL cluster on 127.0.0.1 with a `dagster` database; yields its port."""
    initdb, pg_ctl = _program("initdb"), _program("pg_ctl")
    if not (initdb and pg_ctl):
        if os.environ.get("WRES_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is required (WRES_REQUIRE_POSTGRES) but not installed")
        pytest.skip("PostgreSQL is not installed (.ci/run installs Debian's package)")
    # Under /tmp, owned by the server's user (the tests' own folders are root's, mode 700).
    folder = Path(tempfile.mkdtemp(prefix="wres-postgres-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
    port = free_port()
    subprocess.run(_as_server_user([initdb, "-D", str(folder / "cluster"), "-U", "wres",
                                    "--auth=trust", "-E", "UTF8"]),
                   check=True, capture_output=True)
    subprocess.run(_as_server_user([
        pg_ctl, "-D", str(folder / "cluster"), "-l", str(folder / "server.log"), "-w", "start",
        "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {folder}"]), check=True,
        capture_output=True)
    try:
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=port, user="wres",
                                      dbname="postgres")
        connection.autocommit = True  # CREATE DATABASE cannot run inside a transaction
        connection.cursor().execute("create database dagster")
        connection.close()
        yield port
    finally:
        subprocess.run(_as_server_user([pg_ctl, "-D", str(folder / "cluster"), "-m", "fast",
                                        "-w", "stop"]), check=True, capture_output=True)
        shutil.rmtree(folder)


def without_run_launcher(text: str) -> str:
    """The production dagster.yaml without its Docker run launcher."""
    without = re.sub(r"\nrun_launcher:\n(?:  .*\n|\n(?=  ))*", "\n", text)
    assert "run_launcher" not in without and "storage:\n  postgres:" in without
    return without


def test_a_year_runs_on_postgres_and_the_ui_reads_it_back(postgres, tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text(without_run_launcher(production_yaml()),
                                      encoding="utf-8")
    generate_year(YEAR, tmp_path / "data" / "landing", seed=4, scale=0.003)
    server = {"DAGSTER_PG_HOST": "127.0.0.1", "DAGSTER_PG_PORT": str(postgres),
              "DAGSTER_PG_USERNAME": "wres", "DAGSTER_PG_PASSWORD": "unused",
              "DAGSTER_PG_DB": "dagster"}
    env = dict(os.environ, DAGSTER_HOME=str(home), WRES_DATA_DIR=str(tmp_path / "data"), **server)
    run = subprocess.run([sys.executable, "-m", "wres_pipeline.cli", "run", "--years",
                          str(YEAR)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    # The runs are in PostgreSQL, not in a SQLite file under the Dagster home.
    assert not list(home.rglob("*.db"))
    import psycopg2

    connection = psycopg2.connect(host="127.0.0.1", port=postgres, user="wres", dbname="dagster")
    cursor = connection.cursor()
    cursor.execute("select count(*) from runs where status = 'SUCCESS'")
    assert cursor.fetchone()[0] >= 1
    connection.close()

    with running_ui(tmp_path, server) as (url, _):
        runs = graphql(url, """{ runsOrError { ... on Runs { results { status
            tags { key value } } } } }""")["runsOrError"]["results"]
        years = [{t["key"]: t["value"] for t in r["tags"]}.get("dagster/partition")
                 for r in runs if r["status"] == "SUCCESS"]
        assert str(YEAR) in years
        asset = graphql(url, """query($partition: String!) { assetOrError(assetKey: {path:
            ["publish", "snapshot"]}) { ... on Asset { assetMaterializations(
            partitions: [$partition]) { partition metadataEntries { label } } } } }""",
                        {"partition": str(YEAR)})["assetOrError"]["assetMaterializations"]
        assert asset and {"snapshot_ids", "internal_snapshot"} <= {
            e["label"] for e in asset[0]["metadataEntries"]}
