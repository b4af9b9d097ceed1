"""`wres-pipeline serve`: the published sites on 127.0.0.1 for a browser, files only."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.operations.live import free_port
from wres_pipeline.report.site import site_root

ROOT = Path(__file__).resolve().parents[2]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except urllib.error.URLError:  # not listening yet
        return 0, ""


def test_serve_shows_each_years_site_on_the_loopback_address(published_sites, tmp_path):
    port = free_port()
    data = Path(published_sites.published).parent
    env = dict(os.environ, WRES_DATA_DIR=str(data), DAGSTER_HOME=str(tmp_path / "home"),
               PYTHONUNBUFFERED="1")
    server = subprocess.Popen([sys.executable, "-m", "wres_pipeline.cli", "serve", "--port",
                               str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status, body = _get(f"http://127.0.0.1:{port}/2023/index.html")
            if status == 200:
                break
            time.sleep(0.3)
        assert status == 200 and "Find a trust, ICB, region or trust type" in body
        trust = sorted((site_root(published_sites.published) / "2023" / "trust").glob("*"))[0]
        status, body = _get(f"http://127.0.0.1:{port}/2023/trust/{trust.name}")
        assert status == 200 and "Indicator 9" in body
        assert _get(f"http://127.0.0.1:{port}/")[0] == 404  # no directory listings
        assert _get(f"http://127.0.0.1:{port}/../../../etc/passwd")[0] == 404
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/2023/index.html" in out
