"""The immutable raw archive: every file ingested is kept, byte for byte, under its SHA-256.

A file is copied to `<archive>/<year>/<extract>/<sha256>/<name>` through a temporary name and an
atomic rename, then made read-only. The same content arriving again reuses the existing copy, so
re-running a year never rewrites the archive; changed content gets a new folder and the old one
stays.
"""

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from wres_pipeline import probes
from wres_pipeline.atomic import clear_stale_partials, replace_if_changed

CHUNK = 1 << 20


@dataclass(frozen=True)
class ArchivedFile:
    name: str  # the path inside the year's landing folder
    sha256: str
    bytes: int
    archived: str  # where the immutable copy is


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def archive_file(source: Path, relative_name: str, extract_folder: Path) -> ArchivedFile:
    """Copy `source` into the extract's archive folder unless an identical copy is there."""
    digest = sha256_of(source)
    folder = Path(extract_folder) / digest
    target = folder / Path(relative_name).name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        clear_stale_partials(target)  # left by a run killed while copying
        partial = folder / f".{target.name}.partial-{os.getpid()}"
        with open(source, "rb") as reader, open(partial, "wb") as writer:
            while chunk := reader.read(CHUNK):
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        if sha256_of(partial) != digest:
            partial.unlink()
            raise OSError(f"{source} changed while it was being archived")
        os.chmod(partial, 0o444)
        probes.point("ingest: archive copy written, not yet renamed")
        os.replace(partial, target)
    return ArchivedFile(relative_name, digest, target.stat().st_size, str(target))


def write_manifest(folder: Path, files: list[ArchivedFile], rows: dict[str, int]) -> Path:
    """Record which archived files (and how many rows of each) one ingest used."""
    entries = [asdict(f) | {"rows": rows.get(f.name)} for f in files]
    text = json.dumps(entries, indent=2, sort_keys=True) + "\n"
    path = Path(folder) / "manifest.json"
    replace_if_changed(path, lambda partial: partial.write_text(text, encoding="utf-8"))
    return path
