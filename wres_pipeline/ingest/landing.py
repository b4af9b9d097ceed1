"""Find a year's files in the landing zone, and refuse anything that escapes it.

File names come from outside the project, so each match is resolved and must stay inside the
landing root (a symlink pointing elsewhere is an error), and a name must be plain: letters,
digits, spaces and `. , ' ( ) & + - _` (no slashes or backslashes, no control characters).
Office lock files (`~$...`) and hidden or partial files (`.name`, `*.part`, `*.tmp`) are never
picked up; when they are all there is, the error says an upload looks unfinished.

Every other file in a year's folder is read or refused by name: names match a contract's
patterns whatever the case of their letters (`R0A.CSV` is a CSV return), and a file or folder no
contract claims (`R1A.xls`, `returns.zip`, `notes.txt`, a stray folder) is refused by the extract
that owns its folder (the first, in ingest order, with a pattern there), saying what to do.
"""

import fnmatch
import re
from pathlib import Path

from wres_pipeline import contracts
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
    refuse_unclaimed(folder, contract)
    for pattern in contract.files:
        for path in _matching(folder, pattern):
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
        unfinished += [p for p in _matching(folder, pattern + ".*") if _unfinished(p)]
    if not found:
        hint = "".join(f"; {year}/{p.relative_to(folder).as_posix()} looks like a file still "
                       "being written (rerun when the upload has finished)"
                       for p in sorted(set(unfinished)))
        raise ExtractError(folder, f"no file for {contract.title}: expected "
                           f"{' or '.join(contract.files)}{hint}")
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _unfinished(path: Path) -> bool:
    return path.name.startswith((".", "~$")) or path.name.endswith(IGNORED_SUFFIXES)


def _matching(folder: Path, pattern: str) -> list[Path]:
    """Entries of `folder` matching a contract pattern (`trust_returns/*.csv`), ignoring the
    case of letters: trusts save `R0A.CSV` as often as `R0A.csv`."""
    parent, _, name = pattern.rpartition("/")
    where = folder / parent if parent else folder
    if not where.is_dir():
        return []
    return sorted(p for p in where.iterdir()
                  if fnmatch.fnmatchcase(p.name.lower(), name.lower()))


def _owner(folder: str) -> str:
    """The extract that answers for unclaimed entries of a landing sub-folder ('' = the year's
    own folder): the first in ingest order with a pattern there."""
    for contract in contracts.all_contracts():
        if any(p.rpartition("/")[0] == folder for p in contract.files):
            return contract.extract
    return contracts.all_contracts()[0].extract


def _ignored(path: Path, relative: str) -> bool:
    """Hidden (itself or a folder above it), an Office lock file or a partial upload."""
    return _unfinished(path) or any(part.startswith(".") for part in relative.split("/"))


def _reader(relative: str) -> str | None:
    """The extract whose contract claims a landing path (letters' case aside), if any."""
    return next((c.extract for c in contracts.all_contracts() for p in c.files
                 if fnmatch.fnmatchcase(relative.lower(), p.lower())), None)


def unclaimed(year_folder: Path) -> list[tuple[Path, str]]:
    """Entries of a year's landing folder that no contract reads and that are not ignorable,
    each with the extract that refuses it."""
    folders = {p.rpartition("/")[0] for c in contracts.all_contracts() for p in c.files} - {""}
    found = []
    for path in sorted(year_folder.rglob("*")):
        relative = path.relative_to(year_folder).as_posix()
        parent = relative.rpartition("/")[0]
        if _ignored(path, relative) or (parent and parent not in folders):
            continue  # an entry inside a stray folder: the folder itself is refused
        if (relative not in folders) if path.is_dir() else _reader(relative) is None:
            found.append((path, _owner(parent)))
    return found


def inventory(year_folder: Path) -> list[dict]:
    """Every file in a year's landing folder and what became of it, for the manifest."""
    entries = []
    for path in sorted(p for p in Path(year_folder).rglob("*") if p.is_file()):
        relative = path.relative_to(year_folder).as_posix()
        extract = _reader(relative)
        status = ("ignored: hidden, lock or partial file" if _ignored(path, relative)
                  else f"read as {extract}" if extract else "not read")
        entries.append({"file": relative, "status": status})
    return entries


def _advice(path: Path, contract: Contract) -> str:
    suffix = path.suffix.lower()
    if path.is_dir():
        return "a folder no extract reads: move it out of the landing zone, then rerun"
    if suffix in (".xls", ".xlsm", ".xlsb", ".ods", ".numbers"):
        return (f"a {suffix} workbook is not read: save it as .xlsx (Excel Workbook) or .csv, "
                "remove this file, then rerun")
    if suffix in (".zip", ".7z", ".gz", ".rar"):
        return "an archive is not read: extract its files into the folder, remove it, then rerun"
    return (f"no extract reads this file (expected {' or '.join(contract.files)} here): rename "
            "or remove it, then rerun")


def refuse_unclaimed(year_folder: Path, contract: Contract) -> None:
    """Refuse the first unclaimed entry of the folders this contract's extract answers for."""
    for path, owner in unclaimed(year_folder):
        if owner == contract.extract:
            raise ExtractError(path, _advice(path, contract))
