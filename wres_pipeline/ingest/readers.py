"""Read one raw file (CSV or XLSX) into an Arrow table of strings, exactly as sent.

Nothing is inferred: every value stays text until the staging SQL casts it to the contract's
type. Each row keeps its file and row number (as a spreadsheet shows it, header = row 1) so that
every later error can point back to it. Real-world CSVs come with or without a UTF-8 BOM, in
Windows-1252, quoted, with trailing blank lines and `;` or tab delimiters; all are accepted.
"""

import csv
import io
from pathlib import Path

import pyarrow as pa

from wres_pipeline import probes
from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.csv_blocks import FALLBACK_ENCODING, CsvBlocks, scan
from wres_pipeline.ingest.errors import ExtractError
from wres_pipeline.ingest.xlsx import read_xlsx

DELIMITERS = (",", ";", "\t")


def read_raw(contract: Contract, path: Path, name: str | None = None) -> pa.Table:
    """The file's rows as strings in the contract's column order, plus source_file and source_row.

    `name` is what source_file records (by default the file's own name); errors name `path`.
    The pipeline itself reads block by block (`raw_blocks`); this is the same rows whole.
    """
    path = Path(path)
    with probes.span("read", contract.name):
        blocks = raw_blocks(contract, path, name)
        table = pa.Table.from_batches(list(blocks), schema=blocks.schema)
    if blocks.numbers is None:
        return table
    return table.set_column(table.schema.get_field_index("source_row"), "source_row",
                            pa.array(blocks.numbers, pa.int64()))


def raw_blocks(contract: Contract, path: Path, name: str | None = None):
    """The file's rows as `read_raw` gives them, as record batches a block at a time (see
    csv_blocks.CsvBlocks: iterate, then apply `numbers` if it is not None). Errors about the
    file as a whole (empty, not CSV, wrong columns) are raised here, before any block."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise ExtractError(path, "the file is empty (0 bytes)")
    if path.suffix.lower() == ".xlsx":
        return _Workbook(contract, path, name or path.name)
    if path.suffix.lower() == ".csv":
        return _csv_blocks(contract, path, name or path.name)
    raise ExtractError(path, f"unsupported file type '{path.suffix}' (expected .csv or .xlsx)")


class _Workbook:
    """A workbook's rows as one block (workbooks are small: Excel stops at 1,048,576 rows)."""

    numbers = None

    def __init__(self, contract: Contract, path: Path, name: str):
        workbook = read_xlsx(path)
        try:
            selected = _select_columns(contract, path, workbook.names)
        except ExtractError as error:
            raise ExtractError(path, f"{workbook.sheet_note}: {error.reason}", error.row,
                               error.column) from None
        arrays = {column: workbook.columns[index] for column, index in selected.items()}
        arrays["source_file"] = pa.repeat(pa.scalar(name, pa.string()), len(workbook.rows))
        arrays["source_row"] = pa.array(workbook.rows, pa.int64())
        self.table = pa.table(arrays)
        self.schema = self.table.schema

    def __iter__(self):
        yield from self.table.to_batches()


def _select_columns(contract: Contract, path: Path, names: list[str]) -> dict[str, int]:
    """Map each contract column to its index in the file, or fail naming what is wrong."""
    if not contract.header:
        if len(names) != contract.width:
            raise ExtractError(path, f"expected {contract.width} columns, found {len(names)}")
        return {c.name: c.position - 1 for c in contract.columns}
    normalised = [name.strip().lower() for name in names]
    missing = [c for c in contract.column_names if c not in normalised]
    extra = [n for n in normalised if n not in contract.column_names]
    duplicated = sorted({n for n in normalised if normalised.count(n) > 1})
    problems = []
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if extra:
        problems.append(f"unexpected column(s) {', '.join(extra)}")
    if duplicated:
        problems.append(f"repeated column(s) {', '.join(duplicated)}")
    if problems:
        raise ExtractError(path, "; ".join(problems) + f" (the contract for {contract.name} "
                           f"expects: {', '.join(contract.column_names)})", row=1)
    return {name: normalised.index(name) for name in contract.column_names}


def _sniff_delimiter(path: Path, first_line: str) -> str:
    counts = {d: _count_outside_quotes(first_line, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    if counts[best] == 0:
        raise ExtractError(path, "cannot find a delimiter (, ; or tab) in the first line", row=1)
    return best


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _csv_blocks(contract: Contract, path: Path, name: str) -> CsvBlocks:
    with open(path, "rb") as handle:
        head = handle.read(65536)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:200].count(b"\x00") > 10:
        raise ExtractError(path, "the file is UTF-16 text (Excel's 'Unicode Text'), which is "
                           "not read: save it as 'CSV UTF-8 (Comma delimited)', then rerun")
    found = scan(path)
    # A file that is not UTF-8 throughout is read as Windows-1252 (what Excel writes as "CSV").
    encoding = "utf8" if found.utf8 else FALLBACK_ENCODING
    text = head.decode("utf-8-sig", errors="ignore") if found.utf8 \
        else head.decode(FALLBACK_ENCODING, errors="replace")
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise ExtractError(path, "the first line is blank: no header or data")
    delimiter = _sniff_delimiter(path, first_line)
    if contract.header:
        names = next(csv.reader(io.StringIO(first_line), delimiter=delimiter))
    else:
        names = [f"column_{i + 1}" for i in range(len(next(csv.reader(io.StringIO(first_line),
                                                                       delimiter=delimiter))))]
    return CsvBlocks(path, len(names), _select_columns(contract, path, names), name, delimiter,
                     encoding, contract.header, found)
