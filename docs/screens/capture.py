"""Capture the Dagster UI screens the README and the runbook show, from a real webserver and
daemon on sample data, with Debian's headless Chromium.

    .venv/bin/python docs/screens/capture.py

Generates three small sample years (2022-2024),
starts `wres-pipeline ui`'s two processes on a new Dagster home in a temporary folder, launches
an asset backfill of the three years through GraphQL as the UI's Materialize does, waits for
it, then saves a PNG of each screen below into docs/screens/. Takes about three minutes.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # for the tests package, run as a script

from tests.operations.live import running_ui  # noqa: E402
from tests.operations.test_live_backfill import (  # noqa: E402
    finished_backfill,
    launch_asset_backfill,
)
from wres_pipeline.sample.generate import generate_year  # noqa: E402

HERE = Path(__file__).resolve().parent
YEARS = (2022, 2023, 2024)
# (file, path in the UI): the screens an operator uses, in the order the runbook walks them.
SCREENS = [
    ("lineage.png", "/asset-groups"),
    ("snapshot-partitions.png", "/assets/publish/snapshot?view=partitions"),
    ("esr-checks.png", "/assets/staging/esr_staff_in_post?view=checks"),
    ("backfill.png", "/runs/b/{backfill}?tab=runs"),
    ("runs.png", "/runs"),
    ("automation.png", "/automation"),
]


def screenshot(url: str, target: Path) -> None:
    subprocess.run(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--window-size=1440,900",
                    "--virtual-time-budget=15000", f"--screenshot={target}", url],
                   check=True, capture_output=True, timeout=120)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for year in YEARS:
            generate_year(year, root / "data" / "landing", seed=3, scale=0.003)
        with running_ui(root) as (url, _):
            backfill = launch_asset_backfill(url, YEARS)
            status, _runs = finished_backfill(url, backfill)
            print(f"backfill {backfill}: {status}")
            time.sleep(5)
            for name, path in SCREENS:
                screenshot(url + path.format(backfill=backfill), HERE / name)
                print(f"saved docs/screens/{name}")


if __name__ == "__main__":
    main()
