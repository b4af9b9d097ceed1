"""Read the first worksheet of an XLSX file as text, as a CSV export of it would hold.

Workbooks come from many tools. Values are read as the file saved them; a formula with no
saved value (files written by scripts rather than Excel) cannot be read and is an error naming
the cell. Only the first worksheet is read: a workbook whose first sheet is a cover or notes
page is refused, naming the sheet, rather than read from a guessed sheet.
"""

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from wres_pipeline.ingest.errors import ExtractError


@dataclass(frozen=True)
class Worksheet:
    names: list[str]
    columns: list[pa.Array]
    rows: list[int]  # each data row's number as the spreadsheet shows it
    sheet_note: str  # which sheet was read, for error messages


def read_xlsx(path: Path) -> Worksheet:
    values, title, sheets = _first_sheet(path, data_only=True)
    kept = [(index, row) for index, row in enumerate(values, 1)
            if any(cell not in (None, "") for cell in row)]
    note = f"worksheet '{title}'" + (f" (the first of {sheets} sheets)" if sheets > 1 else "")
    if not kept:
        raise ExtractError(path, f"{note} is empty")
    _, header = kept[0]
    names = ["" if cell is None else str(cell) for cell in header]
    if any(None in row[:len(names)] for _, row in kept):
        # A blank cell may be a formula whose value was never saved: look at the formulas
        # (openpyxl reads either values or formulas, so this is a second read).
        formulas, _, _ = _first_sheet(path, data_only=False)
        _refuse_unsaved_formulas(path, values, formulas, names, note)
    body = kept[1:]
    columns = [pa.array([_cell_text(row[i] if i < len(row) else None) for _, row in body],
                        pa.string()) for i in range(len(names))]
    return Worksheet(names, columns, [index for index, _ in body], note)


def _first_sheet(path: Path, data_only: bool) -> tuple[list[tuple], str, int]:
    """The first sheet's saved values (or, with data_only False, its formulas), its title and
    the number of sheets."""
    from openpyxl import load_workbook  # imported here: only returns sent as XLSX need it

    try:
        workbook = load_workbook(path, read_only=True, data_only=data_only)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise ExtractError(path, f"cannot open as an XLSX workbook: {error}") from None
    try:
        sheet = workbook.worksheets[0]
        return ([tuple(row) for row in sheet.iter_rows(values_only=True)], sheet.title,
                len(workbook.worksheets))
    finally:
        workbook.close()


def _refuse_unsaved_formulas(path, values, formulas, names, note) -> None:
    from openpyxl.utils import get_column_letter

    for index, (saved, written) in enumerate(zip(values, formulas, strict=True), 1):
        for position, (value, formula) in enumerate(zip(saved, written, strict=False)):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                column = names[position] if position < len(names) else None
                cell = f"{get_column_letter(position + 1)}{index}"
                raise ExtractError(path, f"{note}, cell {cell}: the formula {formula!r} has no "
                                   "saved value (open and save the file in Excel, or send "
                                   "values)", row=index, column=column)


def _cell_text(value) -> str:
    """A cell as the text a CSV export would hold (whole numbers without a decimal point)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)
