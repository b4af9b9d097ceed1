"""The national data report: built from the public snapshots alone, self-contained (no script,
no external file), and it renders in headless Chromium (screenshot in tests/output/)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import materialize_year
from wres_pipeline.report.assets import report_path
from wres_pipeline.resources import PipelinePaths
from wres_pipeline.sample.generate import generate_year

OUTPUT = Path(__file__).resolve().parents[1] / "output"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    paths = PipelinePaths.under(root, root / "landing")
    for year in (2018, 2019):
        generate_year(year, root / "landing", seed=29, scale=0.05)
        assert materialize_year(paths, year).success
    return report_path(paths.published, 2019), paths


def test_report_is_self_contained_and_complete(report):
    path, _ = report
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html and not re.search(r"""(src|href)=["']?https?:""", html)
    for section in ("Headline figures", "Trends since 2018", "How trusts compare",
                    "Regions and trust types", "Model Employer progress", "Data quality",
                    "Method"):
        assert f"<h2>{section}</h2>" in html
    assert html.count("<svg") >= 8 and "2018" in html and "public edition" in html.lower()
    assert "London" in html


def test_report_is_built_from_the_public_snapshot_alone(report, tmp_path):
    path, paths = report
    public_only = tmp_path / "published"
    shutil.copytree(Path(paths.published) / "public", public_only / "public")
    from wres_pipeline.report.assets import write_report

    rebuilt, _ = write_report(public_only, 2019)
    assert rebuilt.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_report_renders_in_headless_chromium(report, tmp_path):
    path, _ = report
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("WRES_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (WRES_REQUIRE_BROWSER) but not installed")
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / "national_report_2019.png"
    shot.unlink(missing_ok=True)
    common = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    run = subprocess.run([*common, "--window-size=1100,3000", f"--screenshot={shot}",
                          path.as_uri()], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 20_000
    dom = subprocess.run([*common, "--dump-dom", path.as_uri()], capture_output=True,
                         text=True, timeout=120)
    assert dom.returncode == 0 and "national data report" in dom.stdout
    assert dom.stdout.count("<svg") >= 8
