"""Benchmark the site build for a national-scale year: generate and publish the years the site
reads (the Model Employer baseline 2018, five years before and the year before, and the year),
then build the year's site again in a fresh process --repeat times.

    python benchmarks/site.py                          # 2024 at scale 1.0
    python benchmarks/site.py --years 2018,2023,2024 --scale 1.0 --repeat 3

Prints the wall time and peak RSS of each build, its seconds per stage (start-up and imports,
read, national report, trust pages, area pages, workbook, publish), the
pages and files written and their size; the median of the repeats. A page count follows the
number of organisations, not the staff: the build's time barely moves with the scale.
Figures are printed and saved to benchmarks/output/site.json, never asserted.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for the benchmarks package, run as a script

from benchmarks.measure import timed_process  # noqa: E402

CLI = [sys.executable, "-m", "wres_pipeline.cli"]
BUILD = """
import json, sys
from wres_pipeline.report.site import build
from wres_pipeline.settings import current
validation = current().validation
site = build(sys.argv[1], int(sys.argv[2]), validation.unknown_share_warning,
             validation.headcount_tolerance)
print("SITE " + json.dumps({"pages": site.pages, "files": site.files, "build": site.build,
                            "seconds": site.seconds}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", default="2018,2023,2024",
                        help="the years published first; the site of the last is timed")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "output")
    args = parser.parse_args()
    years = [int(y) for y in args.years.split(",")]
    from wres_pipeline.sample.generate import generate_year

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        env = dict(os.environ, WRES_DATA_DIR=str(data), DAGSTER_HOME=str(Path(tmp) / "home"))
        for year in years:
            made = generate_year(year, data / "landing", scale=args.scale)
            print(f"{year}: generated {made.esr_rows:,} ESR rows in {made.seconds:.1f} s",
                  flush=True)
        seconds, _, _ = timed_process(CLI + ["run", "--years", args.years], env)
        print(f"published {args.years} at scale {args.scale} in {seconds:.1f} s", flush=True)
        runs = []
        for _ in range(args.repeat):
            seconds, peak, output = timed_process(
                [sys.executable, "-c", BUILD, str(data / "published"), str(years[-1])], env)
            found = json.loads(output.split("SITE ", 1)[1])
            stages = found.pop("seconds")
            # What the build's own clock does not see: Python's start-up and the imports.
            stages = {"start-up and imports": round(seconds - sum(stages.values()), 2)} | stages
            runs.append({"seconds": round(seconds, 2), "peak_mib": round(peak),
                         "stages": stages, **found})
            said = ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
            print(f"site {years[-1]}: {seconds:.2f} s, peak {peak:,.0f} MiB, "
                  f"{found['pages']} pages, {found['files']} files ({said})", flush=True)
        build = data / "published" / "public" / "site" / ".builds" / runs[-1]["build"]
        size = sum(p.stat().st_size for p in build.rglob("*") if p.is_file())
    median = statistics.median(r["seconds"] for r in runs)
    print(f"\nsite build, median of {len(runs)}: {median:.2f} s for {runs[-1]['pages']} pages "
          f"and {runs[-1]['files']} files ({size / 2**20:.1f} MiB); runs: "
          f"{', '.join(str(r['seconds']) for r in runs)} s")
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "site.json").write_text(json.dumps({
        "years": years, "scale": args.scale, "median_seconds": median, "bytes": size,
        "runs": runs}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
