"""Benchmark: generate one national-scale WRES year (about 1.4 million people) and print the
time, rows and size. Run with `make benchmark-generate` (or `python benchmarks/generate_national.py
--years 2016,2024`)."""

import argparse
import resource
import tempfile
import time
from pathlib import Path

from wres_pipeline.sample.generate import generate_year


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", default="2024")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as landing:
        for year in (int(y) for y in args.years.split(",")):
            started = time.perf_counter()
            made = generate_year(year, Path(landing), scale=args.scale)
            seconds = time.perf_counter() - started
            size = sum(p.stat().st_size for p in made.folder.rglob("*") if p.is_file())
            print(f"{year}: {made.esr_rows:,} ESR rows, {made.trusts} trusts, "
                  f"{size / 1e6:,.0f} MB written in {seconds:.1f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
