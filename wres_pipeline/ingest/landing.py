"""Find a year's files in the landing zone, and refuse anything that escapes it.

File names come from outside the project, so each match is resolved and must stay inside the
landing root (a symlink pointing elsewhere is an error). Office lock files (`~$...`) and hidden
or partial files (`.name`, `*.part`, `*.tmp`) are never picked up.
"""

from pathlib import Path

from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.errors import ExtractError

IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload")


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
    for pattern in contract.files:
        for path in folder.glob(pattern):
            if path.name.startswith((".", "~$")) or path.name.endswith(IGNORED_SUFFIXES):
                continue
            if not path.resolve().is_relative_to(root):
                raise ExtractError(path, "the file resolves outside the landing zone; refused")
            if path.is_file():
                found.append(path)
    if not found:
        raise ExtractError(folder, f"no file for {contract.title}: expected "
                           f"{' or '.join(contract.files)}")
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())
