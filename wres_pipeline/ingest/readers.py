"""Read one raw file (CSV or XLSX) into an Arrow table of strings, exactly as sent.

Nothing is inferred: every value stays text until the staging SQL casts it to the contract's
type. Each row keeps its file and row number (as a spreadsheet shows it, header = row 1) so that
every later error can point back to it. Real-world CSVs come with or without a UTF-8 BOM, in
Windows-1252, quoted, with trailing blank lines and `;` or tab delimiters; all are accepted.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from wres_pipeline import probes
from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.errors import ExtractError
from wres_pipeline.ingest.xlsx import read_xlsx

DELIMITERS = (",", ";", "\t")
SOURCE_FILE_TYPE = pa.dictionary(pa.int32(), pa.string())
FALLBACK_ENCODING = "cp1252"


def read_raw(contract: Contract, path: Path, name: str | None = None) -> pa.Table:
    """The file's rows as strings in the contract's column order, plus source_file and source_row.

    `name` is what source_file records (by default the file's own name); errors name `path`.
    """
    path = Path(path)
    with probes.span("read", contract.name):
        return _read(contract, path, name)


def _read(contract: Contract, path: Path, name: str | None) -> pa.Table:
    if path.stat().st_size == 0:
        raise ExtractError(path, "the file is empty (0 bytes)")
    if path.suffix.lower() == ".xlsx":
        workbook = read_xlsx(path)
        names, columns, rows = workbook.names, workbook.columns, workbook.rows
        try:
            selected = select_columns(contract, path, names)
        except ExtractError as error:
            raise ExtractError(path, f"{workbook.sheet_note}: {error.reason}", error.row,
                               error.column) from None
    elif path.suffix.lower() == ".csv":
        names, columns, rows = _read_csv(contract, path)
        selected = select_columns(contract, path, names)
    else:
        raise ExtractError(path, f"unsupported file type '{path.suffix}' (expected .csv or .xlsx)")
    return assemble(selected, columns, rows, name or path.name)


def assemble(selected: dict[str, int], columns: list, rows: np.ndarray, name: str) -> pa.Table:
    """The raw table: each contract column (by its index in the file), then each row's file
    and number."""
    arrays = {column: columns[index] for column, index in selected.items()}
    arrays["source_file"] = source_file_column(name, len(rows))
    arrays["source_row"] = pa.array(rows, pa.int64())
    return pa.table(arrays)


def source_file_column(name: str, rows: int) -> pa.DictionaryArray:
    """The file's name on each of its rows, stored once: as plain text, the name repeated on
    each of a national ESR file's 1.6 million rows took 48 MB."""
    return pa.DictionaryArray.from_arrays(pa.repeat(pa.scalar(0, pa.int32()), rows),
                                          pa.array([name], pa.string()))


def select_columns(contract: Contract, path: Path, names: list[str]) -> dict[str, int]:
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


@dataclass(frozen=True)
class Dialect:
    """How a CSV file is written, from its first 64 KiB: its header's names (or generated names
    when the contract has no header), delimiter and encoding."""

    names: list[str]
    delimiter: str
    encoding: str


def dialect(contract: Contract, path: Path) -> Dialect:
    with open(path, "rb") as handle:
        head = handle.read(65536)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:200].count(b"\x00") > 10:
        raise ExtractError(path, "the file is UTF-16 text (Excel's 'Unicode Text'), which is "
                           "not read: save it as 'CSV UTF-8 (Comma delimited)', then rerun")
    encoding = "utf8"
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if len(head) == 65536 and error.start >= len(head) - 4:
            # The sample cut a multi-byte character in two: the file is still UTF-8.
            text = head[: error.start].decode("utf-8-sig")
        else:
            encoding = FALLBACK_ENCODING
            text = head.decode(FALLBACK_ENCODING, errors="replace")
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise ExtractError(path, "the first line is blank: no header or data")
    delimiter = _sniff_delimiter(path, first_line)
    fields = next(csv.reader(io.StringIO(first_line), delimiter=delimiter))
    names = fields if contract.header else [f"column_{i + 1}" for i in range(len(fields))]
    return Dialect(names, delimiter, encoding)


def _read_csv(contract: Contract, path: Path) -> tuple[list[str], list[pa.Array],
                                                       np.ndarray]:
    found = dialect(contract, path)
    names, delimiter, encoding = found.names, found.delimiter, found.encoding
    scan = _scan(path)
    table = _arrow_csv(path, names, delimiter, encoding, contract.header, quoted=scan.quoted)
    # Data rows are numbered as a spreadsheet numbers them: the header is row 1, and a blank
    # line, which Arrow skips, is a row too.
    offset = 2 if contract.header else 1
    if table.num_rows + offset - 1 == scan.lines and not scan.lone_cr:
        rows = np.arange(offset, offset + table.num_rows, dtype=np.int64)
    else:  # blank lines, quoted line breaks or lone carriage returns: count the records
        rows = _record_numbers(path, delimiter, encoding)[offset - 1:]
        if len(rows) != table.num_rows:
            raise ExtractError(path, f"cannot number the rows: {len(rows)} non-blank rows "
                               f"read one way, {table.num_rows} the other (a damaged file?)")
    return names, table.columns, rows


@dataclass(frozen=True)
class _Scan:
    quoted: bool  # a double quote anywhere
    lines: int  # lines, the last counted whether or not it ends in a line break
    lone_cr: bool  # a carriage return not followed by a line feed


def _scan(path: Path, chunk: int = 16 << 20) -> _Scan:
    """What row numbering needs to know of the file's bytes, read a chunk at a time (not the
    whole file at once beside its Arrow table: a national ESR extract is 170 MB)."""
    quoted, newlines, returns, crlf, last = False, 0, 0, 0, b""
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            quoted = quoted or b'"' in block
            newlines += block.count(b"\n")
            returns += block.count(b"\r")
            crlf += block.count(b"\r\n") + (last == b"\r" and block[:1] == b"\n")
            last = block[-1:]
    return _Scan(quoted, newlines + (last != b"\n"), returns > crlf)


def _record_numbers(path: Path, delimiter: str, encoding: str) -> np.ndarray:
    """The spreadsheet row number of every non-blank record (a quoted line break stays inside
    its record, as a spreadsheet shows it). Only run for files with blank lines or quoted line
    breaks, so its slowness does not matter."""
    with open(path, newline="", encoding=encoding, errors="replace") as handle:
        return np.array([number for number, fields in enumerate(
            csv.reader(handle, delimiter=delimiter), 1) if fields], dtype=np.int64)


def csv_options(width: int, delimiter: str, encoding: str, header: bool,
                quoted: bool = False) -> dict:
    """Arrow's options for reading every field as text, exactly as sent."""
    generated = [f"c{i}" for i in range(width)]
    return {
        "read_options": pacsv.ReadOptions(
            column_names=generated, skip_rows=1 if header else 0, encoding=encoding,
            block_size=16 << 20),
        # A line break inside quotes is part of the value (slower to parse: only when quoted).
        "parse_options": pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=quoted),
        "convert_options": pacsv.ConvertOptions(
            column_types={name: pa.string() for name in generated}, strings_can_be_null=False,
            quoted_strings_can_be_null=False),
    }


def _arrow_csv(path: Path, names: list[str], delimiter: str, encoding: str,
               header: bool, quoted: bool = False) -> pa.Table:
    options = csv_options(len(names), delimiter, encoding, header, quoted)
    try:
        return pacsv.read_csv(path, **options)
    except pa.ArrowInvalid as error:
        message = str(error)
        if "invalid UTF8" in message and encoding == "utf8":
            return _arrow_csv(path, names, delimiter, FALLBACK_ENCODING, header, quoted)
        ragged = _first_ragged_row(path, delimiter, encoding, len(names))
        if ragged:
            row, fields = ragged
            raise ExtractError(path, f"the line has {fields} fields; the header has "
                               f"{len(names)} (a truncated or damaged line?)", row=row) from None
        raise ExtractError(path, f"cannot parse as {delimiter!r}-delimited CSV: {message}") \
            from None


def _first_ragged_row(path: Path, delimiter: str, encoding: str,
                      width: int) -> tuple[int, int] | None:
    """The first row (header = row 1) whose number of fields is not the header's, if any.
    Only run when Arrow refuses the file, so its slowness does not matter."""
    with open(path, newline="", encoding=encoding, errors="replace") as handle:
        for row, fields in enumerate(csv.reader(handle, delimiter=delimiter), 1):
            if fields and len(fields) != width:
                return row, len(fields)
    return None
