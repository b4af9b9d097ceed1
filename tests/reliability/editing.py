"""Small, explicit edits of a generated landing folder, each returning where it broke the file
(the file inside the year folder, and the spreadsheet row and column where there is one)."""

import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook

ESR = "esr_staff_in_post.csv"
SURVEY = "staff_survey.csv"
ETR = "organisations/etr.csv"


@dataclass(frozen=True)
class Where:
    file: str  # inside the year folder, e.g. trust_returns/R0A.csv
    row: int | None = None  # as a spreadsheet numbers it: the header is row 1
    column: str | None = None


def read_rows(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    with open(path, newline="", encoding=encoding) as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]], delimiter: str = ",",
               encoding: str = "utf-8", line_ends: tuple[str, ...] = ("\n",)) -> None:
    """Write rows as CSV; line endings cycle through `line_ends` (mixed when there are two)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    lines = []
    for index, row in enumerate(rows):
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        lines.append(out.getvalue()[:-1] + line_ends[index % len(line_ends)])
    path.write_bytes("".join(lines).encode(encoding))


def set_value(folder: Path, file: str, row: int, column: str, value: str) -> Where:
    """Replace one cell of a CSV with a header."""
    rows = read_rows(folder / file)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(folder / file, rows)
    return Where(file, row, column)


def first_csv_return(folder: Path) -> str:
    """The first return sent as plain CSV (the generator also sends some with a byte order
    mark or `;` delimiters, as trusts do)."""
    return "trust_returns/" + next(
        p.name for p in sorted((folder / "trust_returns").glob("*.csv"))
        if p.read_bytes().startswith(b'"reporting_year",'))


def first_xlsx_return(folder: Path) -> str:
    return "trust_returns/" + sorted(p.name for p in (folder / "trust_returns").glob("*.xlsx"))[0]


def trust_of(folder: Path, file: str) -> str:
    """The organisation code on the first data row of a CSV with a header."""
    rows = read_rows(folder / file)
    return rows[1][rows[0].index("organisation_code")]


def without_trust(folder: Path, file: str, code: str) -> None:
    rows = read_rows(folder / file)
    index = rows[0].index("organisation_code")
    write_rows(folder / file, [rows[0]] + [r for r in rows[1:] if r[index] != code])


def xlsx_rows(path: Path) -> list[list]:
    workbook = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def replace_with_symlink(folder: Path, file: str, outside: Path) -> Where:
    """Swap a file for a symbolic link to a copy of it outside the landing zone."""
    outside.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(folder / file, outside)
    (folder / file).symlink_to(outside)
    return Where(file)
