"""Superseded public snapshots, withdrawn from the public folder and kept internal.

A year republished (a trust resubmits a return) would leave its earlier public snapshot beside
the new one, and the two differenced can give back what each withholds: their withheld counts
differ. The audit reads each year's latest snapshot. So once `LATEST` names the new public
snapshot, every other snapshot of the year moves, whole and by one rename, to
`<published>/internal/withdrawn/public/<year>/<snapshot id>/`: kept for the record, never
published. The internal edition keeps all its snapshots where they are.
"""

import os
import shutil
from pathlib import Path

from wres_pipeline.publish.snapshot import PARTIAL_PREFIX, latest

WITHDRAWN = Path("internal") / "withdrawn" / "public"


def withdraw_superseded(published: Path, year: int) -> list[Path]:
    """Move every public snapshot of `year` but the one `LATEST` names out of the public
    folder; the folders they now have."""
    published = Path(published)
    current = latest(published / "public", year)
    year_root = published / "public" / str(year)
    if not current or not year_root.is_dir():
        return []
    moved = []
    for folder in sorted(year_root.iterdir()):
        if not folder.is_dir() or folder.name == current \
                or folder.name.startswith(PARTIAL_PREFIX):
            continue
        target = published / WITHDRAWN / str(year) / folder.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():  # withdrawn before, then republished: the same bytes (its id)
            shutil.rmtree(folder)
        else:
            os.rename(folder, target)
        moved.append(target)
    return moved
