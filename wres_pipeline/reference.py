"""Reference data that belongs to the WRES method, read from the versioned files in `reference/`.

Code never spells out a code list: ethnic categories, grades, staff groups, regions, trust types
and survey question numbers all come from here.
"""

import csv
from functools import cache

from wres_pipeline.paths import REFERENCE_DIR


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


def ethnic_group_of(national_code: str) -> str:
    """WRES group (`white`, `bme`, `unknown`) of an ESR ethnic category value.

    The first character is the national code (the second is a local sub-code); `99` is the
    default "not known" code. Anything not in the reference list is unknown.
    """
    value = (national_code or "").strip().upper()
    groups = {row["national_code"]: row["wres_group"] for row in table("ethnic_categories")}
    if value in groups:
        return groups[value]
    return groups.get(value[:1], "unknown") if value else "unknown"
