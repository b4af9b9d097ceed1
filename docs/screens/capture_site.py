"""Capture the site screens the README and docs/publishing.md show, from the site `make run`
published (data/published/public/site/<year>/), with Debian's headless Chromium driven by
Playwright.

    make run && .venv/bin/python docs/screens/capture_site.py [--year 2024]

Saves the top of the index, a trust page, an ICB page and a region page (1100 x 1400 each)
into docs/screens/site-*.png.
"""

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2024)
    args = parser.parse_args()
    site = ROOT / "data" / "published" / "public" / "site" / str(args.year)
    pages = {"site-index.png": site / "index.html",
             "site-trust.png": sorted((site / "trust").glob("*.html"))[0],
             "site-icb.png": sorted((site / "icb").glob("*.html"))[0],
             "site-region.png": sorted((site / "region").glob("*.html"))[0]}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        for name, path in pages.items():
            page.goto(path.as_uri())
            page.screenshot(path=str(HERE / name))
            print(f"{name}: {path.relative_to(site)}")
        browser.close()


if __name__ == "__main__":
    main()
