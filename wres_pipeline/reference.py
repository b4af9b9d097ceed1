"""Reference data that belongs to the WRES method, read from the versioned files in `reference/`.

Code never spells out a code list: ethnic categories, grades, staff groups, regions, trust types
and survey question numbers all come from here.
"""

import csv
import re
from functools import cache
from typing import TYPE_CHECKING

from wres_pipeline.paths import REFERENCE_DIR

if TYPE_CHECKING:
    import duckdb


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `reference/<name>.csv` as dictionaries (read once per process)."""
    with open(REFERENCE_DIR / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def column(name: str, field: str) -> tuple[str, ...]:
    """Distinct values of one column of a reference table, in file order."""
    return tuple(dict.fromkeys(row[field] for row in table(name)))


def values_from(spec: str) -> tuple[str, ...]:
    """Resolve a contract's `reference/<file>.csv:<column>` pointer to its values."""
    path, field = spec.split(":")
    stem = path.removeprefix("reference/").removesuffix(".csv")
    return column(stem, field)


CODE = re.compile(r"99|[A-Z][0-9A-Z]?")


def spelling(value: str) -> str:
    """A value as the reference lists compare it: upper case, single spaces, one kind of dash."""
    value = re.sub(r"\s*[-\u2010-\u2015]\s*", " - ", value.strip().upper())
    return re.sub(r"\s+", " ", value)


@cache  # a year's files hold a few dozen distinct values among millions of rows
def ethnic_group_of(value: str | None) -> str:
    """WRES group (`white`, `bme`, `unknown`) of an ESR ethnic category value, as
    assets/staging/esr_staff_in_post.sql and assets/core/people.sql read it.

    Only a code is mapped: `99`, or a national code with an optional one-character local
    sub-code; a Data Dictionary description in reference/ethnic_category_aliases.csv counts as
    its code. Any other text, and any unlisted code, is unknown: never read by its first letter.
    """
    value = spelling(value or "")
    groups = {row["national_code"]: row["wres_group"] for row in table("ethnic_categories")}
    aliases = {spelling(row["spelling"]): row["national_code"]
               for row in table("ethnic_category_aliases")}
    if len(value) > 2:
        value = aliases.get(value, value)
    if not CODE.fullmatch(value):
        return "unknown"
    return groups.get(value if value == "99" else value[:1], "unknown")


def load_reference_table(con: "duckdb.DuckDBPyConnection", name: str) -> None:
    """Make `reference/<name>.csv` the table `reference.<name>` (all columns text)."""
    con.sql("create schema if not exists reference")
    con.execute(f"create or replace table reference.{name} as "
                "select * from read_csv($path, all_varchar = true, header = true)",
                {"path": str(REFERENCE_DIR / f"{name}.csv")}).fetchall()
