"""`wres-sample`: generate sample landing folders, or rebuild the calibration tables.

    wres-sample generate --years 2022-2024 --landing data/landing [--scale 1.0] [--seed N]
    wres-sample generate --years 2024 --fault esr_unknown_pay_grade
    wres-sample calibrate
"""

import argparse
import shutil
import sys
from pathlib import Path

from wres_pipeline.sample.faults import FAULTS
from wres_pipeline.sample.generate import DEFAULT_SCALE, DEFAULT_SEED, YEARS, generate_year
from wres_pipeline.year_ranges import parse_years


def generate_command(args: argparse.Namespace) -> int:
    landing = Path(args.landing)
    for year in parse_years(args.years):
        folder = landing / str(year)
        if folder.exists():
            if not args.replace:
                print(f"{folder} exists: pass --replace to regenerate it", file=sys.stderr)
                return 2
            shutil.rmtree(folder)
        result = generate_year(year, landing, args.seed, args.scale, args.fault)
        print(f"{year}: {result.esr_rows:,} ESR assignment rows, {result.trusts} trusts, "
              f"generated in {result.seconds:.1f} s -> {result.folder}")
        for fault in result.faults:
            print(f"  fault {fault.name}: {fault.file} row {fault.row} column {fault.column}: "
                  f"{fault.detail}")
    return 0


def calibrate_command(args: argparse.Namespace) -> int:
    from wres_pipeline.sample import calibration

    for name, frame in calibration.build().items():
        print(f"wrote reference/{name} ({len(frame)} rows)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wres-sample", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="write sample extracts into a landing zone")
    generate.add_argument("--years", default="2022-2024",
                          help=f"years or ranges within {YEARS[0]}-{YEARS[-1]}")
    generate.add_argument("--landing", default="data/landing", help="landing zone folder")
    generate.add_argument("--seed", type=int, default=DEFAULT_SEED)
    generate.add_argument("--scale", type=float, default=DEFAULT_SCALE,
                          help="1.0 is national size (about 1.4 million staff)")
    generate.add_argument("--fault", action="append", default=[], choices=sorted(FAULTS),
                          help="inject a named fault (repeatable)")
    generate.add_argument("--replace", action="store_true", help="replace existing year folders")
    generate.set_defaults(run=generate_command)
    calibrate = commands.add_parser("calibrate", help="rebuild reference/calibration from realdata")
    calibrate.set_defaults(run=calibrate_command)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
