"""The site in real headless Chromium (Debian's, driven by Playwright): the index, the national
report, a trust, an ICB and a region page render without errors (screenshots in tests/output/),
axe-core finds no serious or critical accessibility violation on them, and the index's search
box filters the list."""

import os
import shutil

import pytest

from tests.report.conftest import OUTPUT
from wres_pipeline.report.site import site_root

YEAR = 2023
BLOCKING = {"serious", "critical"}
# WCAG 2.2 AA and what it builds on, and axe's best practices (axe-core 4.12).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                    "wcag22aa", "best-practice"]},
               "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("WRES_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (WRES_REQUIRE_BROWSER) but not installed")
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable,
                                              args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


def _pages(site):
    trusts = sorted((site / "trust").glob("*.html"))
    return {"index": site / "index.html", "national": site / "national.html",
            "trust": trusts[0], "icb": sorted((site / "icb").glob("*.html"))[0],
            "region": sorted((site / "region").glob("*.html"))[0]}


def test_pages_render_without_errors_and_pass_axe(published_sites, browser):
    from axe_playwright_python.sync_playwright import Axe

    site = site_root(published_sites.published) / str(YEAR)
    OUTPUT.mkdir(exist_ok=True)
    axe = Axe()
    found = {}
    for name, path in _pages(site).items():
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.on("console", lambda message, errors=errors: errors.append(message.text)
                if message.type == "error" else None)
        response = page.goto(path.as_uri())
        assert response is None or response.ok, name
        assert page.locator("h1").count() == 1, name
        shot = OUTPUT / f"site_{YEAR}_{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 20_000, name
        assert errors == [], (name, errors)
        results = axe.run(page, options=AXE_OPTIONS)
        every = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]]
        print(name, "axe violations:", every or "none")
        found[name] = [v for v in every if v[1] in BLOCKING]
        page.close()
    assert found == {name: [] for name in found}, found


def test_the_index_search_filters_the_list_and_a_result_opens(published_sites, browser):
    site = site_root(published_sites.published) / str(YEAR)
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    everything = page.locator("ul.pages li").count()
    code = sorted(p.stem for p in (site / "trust").glob("*.html"))[3]
    page.fill("#q", code.lower())
    visible = page.locator("ul.pages li:visible")
    assert 1 <= visible.count() < everything
    assert code in visible.first.inner_text()
    assert "of" in page.locator("#q-count").inner_text()
    visible.first.locator("a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"trust/{code}.html")
    assert code in page.locator("h1").inner_text()
    page.close()
