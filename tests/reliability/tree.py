"""Fingerprints of the published tree."""

import hashlib
from pathlib import Path

from wres_pipeline.publish.snapshot import PARTIAL_PREFIX


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by its path relative to it."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def snapshot_files(tree: dict[str, str]) -> dict[str, str]:
    """The files inside published snapshots (`<edition>/<year>/<snapshot id>/...`): never
    rewritten once published, whatever later runs do. A partial folder a killed run left is
    not a snapshot: the next publish removes it."""
    return {path: digest for path, digest in tree.items()
            if len(parts := path.split("/")) > 3 and parts[0] in ("internal", "public")
            and parts[1].isdigit() and not parts[2].startswith(PARTIAL_PREFIX)}



def as_found(kept: dict[str, str], after: dict[str, str]) -> dict[str, str]:
    """Each kept snapshot file's digest as `after` holds it: where it was, or, for a superseded
    public snapshot, where it was withdrawn to whole (wres_pipeline/publish/withdrawn.py)."""
    found = {}
    for path in kept:
        moved = f"internal/withdrawn/{path}" if path.startswith("public/") else None
        found[path] = after.get(path) if path in after or moved is None else after.get(moved)
    return found
