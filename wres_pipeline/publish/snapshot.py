"""Versioned, atomic snapshots: `<published>/<edition>/<year>/<snapshot id>/` and a `LATEST`
pointer per edition and year.

A snapshot is written into a hidden partial folder, completed with its manifest, then renamed
into place in one step; only then does `LATEST` change (also by a rename). A run that fails or
is killed part-way leaves the previous snapshot and pointer exactly as they were; its partial
folder is cleared by the next publish. The snapshot id is a hash of the data files' bytes, the
raw extracts and the method settings, so rebuilding from the same inputs finds the same
snapshot and changes nothing; data files are byte-identical by construction.
"""

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from wres_pipeline import __version__, probes
from wres_pipeline.atomic import process_alive, replace_if_changed
from wres_pipeline.paths import PROJECT_ROOT
from wres_pipeline.publish.schemas import conform

POINTER = "LATEST"
EXCHANGE = "exchange"  # the folder of a snapshot holding what later years read
PARTIAL_PREFIX = ".partial-"


@dataclass(frozen=True)
class Snapshot:
    edition: str
    year: int
    snapshot_id: str
    folder: Path
    created: bool  # False when an identical snapshot already existed


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, check=True,
                              capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


@cache
def code_fingerprint() -> str:
    """A hash of everything that decides the outputs: the package, SQL, suites, reference data
    and pinned dependencies. Two builds with the same fingerprint and inputs agree."""
    digest = hashlib.sha256()
    for pattern in ("wres_pipeline/**/*.py", "wres_pipeline/**/*.toml", "assets/**/*.sql",
                    "expectations/*.json", "reference/**/*.csv", "pyproject.toml"):
        for path in sorted(PROJECT_ROOT.glob(pattern)):
            digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_table(folder: Path, name: str, data: pa.Table, edition: str) -> dict:
    path = folder / f"{name}.parquet"
    table = conform(data, name, edition)
    pq.write_table(table, path, compression="zstd", write_statistics=True,
                   use_dictionary=True, data_page_size=1 << 20)
    return {"file": path.name, "rows": table.num_rows, "bytes": path.stat().st_size,
            "sha256": _sha256(path)}


def clear_partials(edition_root: Path) -> None:
    """Remove partial folders left by runs that died (their process is gone)."""
    for partial in edition_root.glob(f"*/{PARTIAL_PREFIX}*"):
        pid = int(partial.name.removeprefix(PARTIAL_PREFIX).split("-")[0])
        if not process_alive(pid):
            shutil.rmtree(partial, ignore_errors=True)


def latest(edition_root: Path, year: int) -> str | None:
    pointer = Path(edition_root) / str(year) / POINTER
    return pointer.read_text(encoding="utf-8").strip() if pointer.exists() else None


def latest_folders(edition_root: Path, up_to: int) -> dict[int, Path]:
    """Each published year up to `up_to` and the snapshot folder its LATEST names, each
    pointer read once (so everything built from them reads one set of snapshots)."""
    root = Path(edition_root)
    folders = {y: root / str(y) / latest(root, y) for y in published_years(root) if y <= up_to}
    if up_to not in folders:
        raise FileNotFoundError(f"{root}/{up_to}/LATEST: the year has no snapshot")
    return folders


def _write_exchange(folder: Path, name: str, data: pa.Table) -> dict:
    """A cross-year input table (wres_pipeline/exchange.py), written as the year built it."""
    path = folder / EXCHANGE / f"{name}.parquet"
    path.parent.mkdir(exist_ok=True)
    pq.write_table(data, path, compression="zstd", write_statistics=True)
    return {"file": f"{EXCHANGE}/{path.name}", "rows": data.num_rows,
            "bytes": path.stat().st_size, "sha256": _sha256(path)}


def published_years(edition_root: Path) -> list[int]:
    """The years of one edition whose LATEST names a snapshot."""
    return sorted(int(p.name) for p in Path(edition_root).glob("[0-9][0-9][0-9][0-9]")
                  if latest(edition_root, int(p.name)))


def publish(edition_root: Path, edition: str, year: int, tables: dict[str, pa.Table],
            raw_extracts: list[dict], method: dict, exchange: dict[str, pa.Table] | None = None,
            earlier_years: list[dict] | None = None, notes: dict | None = None) -> Snapshot:
    """Write one edition's snapshot of one year and point LATEST at it. `exchange` holds the
    tables later years read from this one; `earlier_years` the earlier snapshots this one was
    built from (both part of the snapshot's identity); `notes` go into the manifest only."""
    year_root = Path(edition_root) / str(year)
    year_root.mkdir(parents=True, exist_ok=True)
    clear_partials(Path(edition_root))
    partial = year_root / f"{PARTIAL_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
    partial.mkdir()
    try:
        files = [_write_table(partial, name, data, edition) for name, data in tables.items()]
        files += [_write_exchange(partial, name, data) for name, data in (exchange or {}).items()]
        earlier = earlier_years or []
        identity = json.dumps({"files": files, "raw": raw_extracts, "method": method}
                              | ({"earlier_years": earlier} if earlier else {}), sort_keys=True)
        snapshot_id = hashlib.sha256(identity.encode()).hexdigest()[:16]
        manifest = {
            "snapshot_id": snapshot_id, "year": year, "edition": edition,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "pipeline_version": __version__, "git_commit": git_commit(),
            "code_fingerprint": code_fingerprint(),
            "method": method, "raw_extracts": raw_extracts, "files": files,
            "earlier_years": earlier,
        } | (notes or {})
        (partial / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True)
                                               + "\n", encoding="utf-8")
        for path in (p for p in partial.rglob("*") if p.is_file()):
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        probes.point("publish: snapshot written, not yet renamed")
        final = year_root / snapshot_id
        created = _rename_unless_there(partial, final)
        if not created:  # the same snapshot (its id is its content's hash) is already there
            _refresh_manifest(final, partial / "manifest.json")
            shutil.rmtree(partial)
        probes.point("publish: snapshot renamed, LATEST not yet moved")
        _point(year_root, snapshot_id)
        return Snapshot(edition, year, snapshot_id, final, created)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _rename_unless_there(partial: Path, final: Path) -> bool:
    """Rename the finished folder into place; False when a snapshot of that id is already
    there, including one another run renamed into place a moment ago (two backfills of one
    year)."""
    if final.exists():
        return False
    try:
        os.rename(partial, final)
    except OSError:
        if final.exists():
            return False
        raise
    return True


def _refresh_manifest(final: Path, new_manifest: Path) -> None:
    """Same data from other code: record the code it was last confirmed with (data untouched)."""
    old = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
    new = json.loads(new_manifest.read_text(encoding="utf-8"))
    if old.get("code_fingerprint") == new["code_fingerprint"]:
        return
    old |= {k: new[k] for k in ("code_fingerprint", "git_commit", "pipeline_version")}
    text = json.dumps(old, indent=2, sort_keys=True) + "\n"
    replace_if_changed(final / "manifest.json",
                       lambda partial: partial.write_text(text, encoding="utf-8"))


def _point(year_root: Path, snapshot_id: str) -> None:
    replace_if_changed(year_root / POINTER,
                       lambda partial: partial.write_text(snapshot_id + "\n", encoding="utf-8"))
