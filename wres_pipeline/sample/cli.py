"""`wres-sample`: generate sample landing folders, or rebuild the calibration tables.

    wres-sample generate --years 2022-2024 --landing data/landing [--scale 1.0] [--seed N]
    wres-sample generate --years 2024 --fault esr_unknown_pay_grade
    wres-sample calibrate
"""

import argparse
import re
import shutil
import sys
from pathlib import Path

from wres_pipeline.sample.faults import FAULTS
from wres_pipeline.sample.generate import DEFAULT_SCALE, DEFAULT_SEED, YEARS, generate_year


def parse_years(text: str) -> list[int]:
    """`2024`, `2015-2025` or `2016,2018` to a sorted list of WRES years (2015 to this year);
    anything else is a ValueError that says what is wrong."""
    import datetime as dt

    from wres_pipeline.partitions import FIRST_WRES_YEAR

    last_year = dt.date.today().year
    years: set[int] = set()
    for part in (text or "").split(","):
        first, dash, last = part.strip().partition("-")
        if not re.fullmatch(r"\d{4}", first.strip()) or (
                dash and not re.fullmatch(r"\d{4}", last.strip())):
            raise ValueError(f"'{part.strip()[:20]}' is not a year or a range of years "
                             "(e.g. 2024, 2015-2025 or 2016,2018)")
        start, end = int(first), int(last or first)
        if end < start:
            raise ValueError(f"{start}-{end} runs backwards: write {end}-{start}")
        for year in (start, end):
            if not FIRST_WRES_YEAR <= year <= last_year:
                raise ValueError(f"{year} is not a WRES year: the WRES began in "
                                 f"{FIRST_WRES_YEAR} and the latest is {last_year}")
        years.update(range(start, end + 1))
    return sorted(years)


def years_argument(text: str) -> list[int]:
    """argparse type for --years: a bad value is a one-line usage error (exit 2)."""
    try:
        return parse_years(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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
