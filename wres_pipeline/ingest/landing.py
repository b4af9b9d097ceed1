"""Find a year's files in the landing zone, and refuse anything that escapes it.

File names come from outside the project, so each match is resolved and must stay inside the
landing root (a symlink pointing elsewhere is an error), and a name must be plain: letters,
digits, spaces and `. , ' ( ) & + - _` (no slashes or backslashes, no control characters).
Office lock files (`~$...`) and hidden or partial files (`.name`, `*.part`, `*.tmp`) are never
picked up; when they are all there is, the error says an upload looks unfinished.
"""

import re
from pathlib import Path

from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.errors import ExtractError

IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload")
SAFE_NAME = re.compile(r"[^\W_][\w .,'()&+-]*")
PATH_CHARACTERS = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')  # separators, wildcards, controls
UNSAFE = "not a safe file name: use letters, digits, spaces and . , ' ( ) & + - _ only, then rerun"


def year_folder(landing: Path, year: int) -> Path:
    folder = Path(landing) / str(year)
    if not folder.is_dir():
        raise ExtractError(folder, f"no landing folder for WRES year {year}")
    return folder


def find_files(landing: Path, year: int, contract: Contract) -> list[Path]:
    """The files of one table for one year, sorted by name."""
    folder = year_folder(landing, year)
    root = Path(landing).resolve()
    found = []
    unfinished = []
    for pattern in contract.files:
        for path in folder.glob(pattern):
            if PATH_CHARACTERS.search(path.name):  # even when hidden: it is never a slip
                raise ExtractError(path, UNSAFE)
            if _unfinished(path):
                unfinished.append(path)
                continue
            if not path.resolve().is_relative_to(root):
                raise ExtractError(path, "the file resolves outside the landing zone; refused")
            if not SAFE_NAME.fullmatch(path.name):
                raise ExtractError(path, UNSAFE)
            if path.is_file():
                found.append(path)
        unfinished += [p for p in folder.glob(pattern + ".*") if _unfinished(p)]
    if not found:
        hint = "".join(f"; {year}/{p.relative_to(folder).as_posix()} looks like a file still "
                       "being written (rerun when the upload has finished)"
                       for p in sorted(set(unfinished)))
        raise ExtractError(folder, f"no file for {contract.title}: expected "
                           f"{' or '.join(contract.files)}{hint}")
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _unfinished(path: Path) -> bool:
    return path.name.startswith((".", "~$")) or path.name.endswith(IGNORED_SUFFIXES)
