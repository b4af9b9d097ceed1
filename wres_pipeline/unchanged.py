"""Is a year already published from exactly these inputs?

A year whose landing files (by SHA-256), method settings and code fingerprint match its latest
published snapshot's manifest needs no work: rerunning it could only rebuild the same bytes. The
command line skips such years (unless forced) so an unchanged rerun takes seconds.

(Named `unchanged`, not `freshness`: in Dagster a freshness policy is about how old an asset
may be, which is another question.) What a year read from earlier years is compared through
Dagster's own data versions: the snapshot asset's data version is its snapshot id, and an
earlier year republished under another id makes the year stale (wres_pipeline/staleness.py).
The code is compared by the code fingerprint rather than by the assets' code versions alone,
because it also covers what no asset's code version holds: reference data, the committed
suites and the pinned dependencies.
"""

import json
from pathlib import Path

from wres_pipeline import contracts
from wres_pipeline.completion import BuiltFrom, completed
from wres_pipeline.ingest.archive import sha256_of
from wres_pipeline.ingest.errors import ExtractError
from wres_pipeline.ingest.landing import find_files
from wres_pipeline.publish.snapshot import code_fingerprint, latest


def landing_fingerprint(landing: Path, year: int) -> list[dict] | None:
    """The year's landing files as (extract, file, sha256), sorted; None if a table has none."""
    folder = Path(landing) / str(year)
    entries = []
    try:
        for contract in contracts.all_contracts():
            for path in find_files(Path(landing), year, contract):
                entries.append({"extract": contract.extract,
                                "file": path.relative_to(folder).as_posix(),
                                "sha256": sha256_of(path)})
    except ExtractError:
        return None
    return sorted(entries, key=lambda e: (e["extract"], e["file"]))


def _manifest(published: Path, year: int) -> tuple[str | None, dict]:
    """The year's latest internal snapshot and its manifest (None and {} if there is none)."""
    root = Path(published) / "internal"
    snapshot = latest(root, year)
    if snapshot is None:
        return None, {}
    return snapshot, json.loads((root / str(year) / snapshot / "manifest.json").read_text("utf-8"))


def _built_from(manifest: dict) -> list[dict]:
    return sorted(({"extract": r["extract"], "file": r["file"], "sha256": r["sha256"]}
                   for r in manifest["raw_extracts"]), key=lambda e: (e["extract"], e["file"]))


def published_from(landing: Path, published: Path, year: int) -> bool:
    """Whether the year's latest internal snapshot was built from exactly the files now in its
    landing folder (by SHA-256): the landing-zone sensor leaves such a year alone."""
    snapshot, manifest = _manifest(published, year)
    return snapshot is not None and _built_from(manifest) == landing_fingerprint(landing, year)


def unchanged_snapshot(landing: Path, published: Path, built: BuiltFrom, year: int,
                       method: dict) -> str | None:
    """The id of the year's latest internal snapshot if it was built from these very inputs
    and the year's run went all the way through (wres_pipeline.completion)."""
    snapshot, manifest = _manifest(published, year)
    if snapshot is None or not completed(built, published, year):
        return None
    same = (_built_from(manifest) == landing_fingerprint(landing, year)
            and manifest["method"] == method
            and manifest.get("code_fingerprint") == code_fingerprint())
    return snapshot if same else None
