"""Benchmark the UI's path at national scale: an asset backfill of every year, launched through
GraphQL as the UI's "Materialize" launches it and run by the daemon from the run queue, beside
the command line's backfill of the same landing files.

    python benchmarks/ui_backfill.py                        # 2015-2025 at scale 1.0
    python benchmarks/ui_backfill.py --years 2019-2021 --scale 0.01

Prints and saves (benchmarks/output/ui_backfill.json): each path's wall time; the asset
backfill's peak memory, sampled every half second over the webserver, the daemon and every run
process they start (all of them together, and the largest single run process); its runs'
order; and whether both paths published the same snapshot ids. Nothing is asserted.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from threading import Event, Thread

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for the benchmarks and tests packages, run as a script

from benchmarks.measure import timed_process  # noqa: E402
from tests.operations.live import running_ui, snapshot_ids  # noqa: E402
from tests.operations.test_live_backfill import (  # noqa: E402
    finished_backfill,
    launch_asset_backfill,
)

CLI = [sys.executable, "-m", "wres_pipeline.cli"]
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def _sessions_rss(sessions: set[int]) -> tuple[int, int]:
    """Total and largest resident memory (KiB) of the processes in these sessions."""
    total = largest = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended
        if int(fields[3]) in sessions:  # field 6 of stat: the session id
            rss = int(fields[21]) * PAGE_KIB  # field 24: resident pages
            total, largest = total + rss, max(largest, rss)
    return total, largest


def _sample(sessions: set[int], stop: Event, peaks: dict) -> None:
    while not stop.is_set():
        total, largest = _sessions_rss(sessions)
        peaks["total_kib"] = max(peaks.get("total_kib", 0), total)
        peaks["largest_kib"] = max(peaks.get("largest_kib", 0), largest)
        stop.wait(0.5)


def command_line(root: Path, years: list[int]) -> dict:
    env = dict(os.environ, WRES_DATA_DIR=str(root / "data"), DAGSTER_HOME=str(root / "home"))
    (root / "home").mkdir()
    seconds, peak, _ = timed_process(CLI + ["backfill", "--years", f"{years[0]}-{years[-1]}",
                                            "--workers", "2"], env)
    return {"wall_s": round(seconds, 1), "peak_mib": round(peak)}


def asset_backfill(root: Path, years: list[int]) -> dict:
    with running_ui(root) as (url, sessions):
        peaks, stop = {}, Event()
        sampler = Thread(target=_sample, args=(set(sessions), stop, peaks), daemon=True)
        sampler.start()
        started = time.perf_counter()
        status, runs = finished_backfill(url, launch_asset_backfill(url, years), timeout=7200)
        seconds = time.perf_counter() - started
        stop.set()
        sampler.join()
    return {"wall_s": round(seconds, 1), "status": status,
            "peak_all_processes_mib": round(peaks["total_kib"] / 1024),
            "peak_one_process_mib": round(peaks["largest_kib"] / 1024),
            "runs": [{"year": r["year"], "status": r["status"],
                      "seconds": round(r["endTime"] - r["startTime"], 1)} for r in runs]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", default="2015-2025")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "output")
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    years = list(range(first, last + 1))
    from wres_pipeline.sample.generate import generate_year

    with tempfile.TemporaryDirectory() as tmp:
        cli_root, ui_root = Path(tmp) / "cli", Path(tmp) / "ui"
        started = time.perf_counter()
        for year in years:
            generate_year(year, cli_root / "data" / "landing", scale=args.scale)
        # The same files for the UI's path (hard links: nothing writes to the landing zone).
        shutil.copytree(cli_root / "data" / "landing", ui_root / "data" / "landing",
                        copy_function=os.link)
        print(f"generated {len(years)} years at scale {args.scale} in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        results = {"years": args.years, "scale": args.scale, "machine": f"{os.cpu_count()} cores"}
        results["command_line"] = command_line(cli_root, years)
        print(f"command line backfill: {results['command_line']}", flush=True)
        results["asset_backfill"] = asset_backfill(ui_root, years)
        cli_ids, ui_ids = snapshot_ids(cli_root / "data", years), snapshot_ids(
            ui_root / "data", years)
        results["same_snapshot_ids"] = cli_ids == ui_ids and None not in cli_ids.values()
    ratio = results["asset_backfill"]["wall_s"] / results["command_line"]["wall_s"]
    results["asset_over_command_line"] = round(ratio, 2)
    print(json.dumps(results, indent=1))
    print(f"asset backfill through the daemon: {results['asset_backfill']['wall_s']} s, "
          f"{ratio:.2f}x the command line's {results['command_line']['wall_s']} s "
          f"(target <= 1.5x); peak memory {results['asset_backfill']['peak_one_process_mib']:,} "
          f"MiB in one run, {results['asset_backfill']['peak_all_processes_mib']:,} MiB in all; "
          f"same snapshot ids: {'yes' if results['same_snapshot_ids'] else 'NO'}")
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "ui_backfill.json").write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
