"""WRES years as the command line takes them: `2024`, `2015-2025` or `2016,2018`.

Its own small module so that the command line's start-up does not import the sample generator
(numpy and the sample model: about 0.5 s) to parse `--years`."""

import argparse
import re


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
