"""Which snapshots each year was last carried all the way through for.

The year's last asset (the national report) records, once the public dataset and the report
are written, the snapshot each edition's LATEST names. A run killed part-way through publishing
(one edition moved, or the dataset half refreshed) leaves the record naming older snapshots, so
the next run of the year is not skipped as unchanged: it finishes the job. The record also names
the earlier years' public snapshots the report drew its trends from, so a year republished since
makes the report stale (wres_pipeline/staleness.py) and the year is not skipped either."""

import json
from pathlib import Path

from wres_pipeline.atomic import replace_if_changed
from wres_pipeline.publish.snapshot import latest, published_years

EDITIONS = ("internal", "public")


def pointers(published: Path, year: int) -> dict[str, str | None]:
    """The snapshot each edition's LATEST names for the year."""
    return {edition: latest(Path(published) / edition, year) for edition in EDITIONS}


def report_years(published: Path, year: int) -> dict[str, str]:
    """The public snapshot of every earlier year, which the year's report draws trends from."""
    public = Path(published) / "public"
    return {str(y): latest(public, y) for y in published_years(public) if y < year}


def _state(published: Path, year: int) -> dict:
    return pointers(published, year) | {"report_years": report_years(published, year)}


def _record_path(operations: Path, year: int) -> Path:
    return Path(operations) / "completed" / f"{year}.json"


def record(operations: Path, published: Path, year: int) -> None:
    """Note that the year's outputs are complete for the snapshots LATEST names now."""
    text = json.dumps(_state(published, year), sort_keys=True) + "\n"
    replace_if_changed(_record_path(operations, year),
                       lambda partial: partial.write_text(text, encoding="utf-8"))


def completed(operations: Path, published: Path, year: int) -> bool:
    """Were the snapshots LATEST names now carried through to the dataset and report?"""
    path = _record_path(operations, year)
    if not path.exists():
        return False
    return json.loads(path.read_text(encoding="utf-8")) == _state(published, year)
