"""The national data report: built from the public snapshots alone, self-contained (no script,
no external file), and it renders in headless Chromium (screenshot in tests/output/) with the
ICB level, the five-year changes, every trust's board gap and Model Employer in people."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import materialize_year
from wres_pipeline.report.assets import report_path
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

OUTPUT = Path(__file__).resolve().parents[1] / "output"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    paths = PathsSettings.under(root, root / "landing")
    # The Model Employer baseline and the year five years on (2019-2022 are not needed).
    for year in (2018, 2023):
        generate_year(year, root / "landing", seed=29, scale=0.05)
        assert materialize_year(paths, year).success
    return report_path(paths.published, 2023), paths


def test_report_is_self_contained_and_complete(report):
    path, _ = report
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html and not re.search(r"""(src|href)=["']?https?:""", html)
    for section in ("Headline figures", "Changes over five years", "Trends since 2018",
                    "How trusts compare", "Regions, ICBs and trust types",
                    "Model Employer in people", "Data quality", "Method"):
        assert f"<h2>{section}</h2>" in html
    assert html.count("<svg") >= 9 and "2018" in html and "public edition" in html.lower()
    assert "London" in html and "Integrated Care Board" in html


def test_report_is_built_from_the_public_snapshot_alone(report, tmp_path):
    path, paths = report
    public_only = tmp_path / "published"
    shutil.copytree(Path(paths.published) / "public", public_only / "public")
    from wres_pipeline.report.assets import write_report

    rebuilt, _ = write_report(public_only, 2023)
    assert rebuilt.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_report_renders_in_headless_chromium(report, tmp_path):
    path, _ = report
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("WRES_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (WRES_REQUIRE_BROWSER) but not installed")
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    OUTPUT.mkdir(exist_ok=True)
    shot = OUTPUT / "national_report_2023.png"
    shot.unlink(missing_ok=True)
    common = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    run = subprocess.run([*common, "--window-size=1100,3000", f"--screenshot={shot}",
                          path.as_uri()], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 20_000
    dom = subprocess.run([*common, "--dump-dom", path.as_uri()], capture_output=True,
                         text=True, timeout=120)
    assert dom.returncode == 0 and "national data report" in dom.stdout
    assert dom.stdout.count("<svg") >= 9
    text = dom.stdout
    # The five-year changes in words, from the trend table (2018 to 2023).
    assert re.search(r"BME very senior managers</strong>: [0-9.]+% in 2023, (up|down) "
                     r"[0-9.]+ percentage points from [0-9.]+% in 2018; [0-9,]+ people", text)
    # The ICB level: every ICB of the sample's trusts has a row.
    assert text.count("Integrated Care Board</td>") >= 20
    # Every trust's voting-board gap is a dot in the strip plot.
    board = text[text.index("Every trust's board"):]
    board = board[:board.index("</svg>")]
    assert board.count("<circle") == _trusts_with_board_gap(report[1], 2023)
    # Model Employer in people: England's bands with the staff still needed.
    assert re.search(r"<td>band_8c_to_vsm</td><td class=\"n\">[0-9,]+</td>", text)


def _trusts_with_board_gap(paths, year):
    import duckdb

    from wres_pipeline.publish.snapshot import latest
    root = Path(paths.published) / "internal"
    path = root / str(year) / latest(root, year) / "indicators.parquet"
    return duckdb.sql(f"select count(*) from read_parquet('{path}') where level = 'trust' and "
                      "indicator = 9 and measure = 'gap_pp' and breakdown = 'board_voting' "
                      "and value is not null").fetchall()[0][0]
