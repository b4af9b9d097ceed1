"""Read a CSV file's rows a block at a time, as text, numbered as a spreadsheet numbers them.

A national ESR extract is 170 MB of CSV, 260 MB as Arrow text: read whole, it and its copy in
DuckDB were the largest part of a year's memory, and both grow with the file. Read a block
(16 MiB of the file) at a time, only one block is held, and each goes into DuckDB as it is read
(ingest/staging.py `load_raw`).

Before the first block, one pass over the bytes, a chunk at a time, says whether the file is
UTF-8 (else it is read as Windows-1252), quoted, and how many lines it has. Blocks number their
rows as if each line held one row (header = row 1). When the rows read do not match the lines
(a blank line, which Arrow skips, or a line break inside quotes) or a lone carriage return is
found, `numbers` gives every row's number counted record by record, for the reader to apply.
"""

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from wres_pipeline.ingest.errors import ExtractError

FALLBACK_ENCODING = "cp1252"
BLOCK_BYTES = 16 << 20


@dataclass(frozen=True)
class Scan:
    utf8: bool  # the whole file decodes as UTF-8
    quoted: bool  # a double quote anywhere
    lines: int  # lines, the last counted whether or not it ends in a line break
    lone_cr: bool  # a carriage return not followed by a line feed


def scan(path: Path, chunk: int = BLOCK_BYTES) -> Scan:
    """What reading and numbering need to know of the file's bytes, a chunk at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, quoted, newlines, returns, crlf, last = True, False, 0, 0, 0, b""
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            quoted = quoted or b'"' in block
            newlines += block.count(b"\n")
            returns += block.count(b"\r")
            crlf += block.count(b"\r\n") + (last == b"\r" and block[:1] == b"\n")
            last = block[-1:]
    if utf8:
        try:
            decoder.decode(b"", final=True)  # a character cut off at the end
        except UnicodeDecodeError:
            utf8 = False
    return Scan(utf8, quoted, newlines + (last != b"\n"), returns > crlf)


class CsvBlocks:
    """The data rows of a CSV file as Arrow record batches of text, one block at a time: the
    columns in `selected` (name -> index in the file), then `source_file` and `source_row`.
    After the last block, `numbers` is None when every row's number was right, or the right
    numbers of every row in order."""

    def __init__(self, path: Path, width: int, selected: dict[str, int], name: str,
                 delimiter: str, encoding: str, header: bool, found: Scan):
        self.path, self.width, self.selected, self.name = path, width, selected, name
        self.delimiter, self.encoding, self.header, self.found = delimiter, encoding, header, found
        self.offset = 2 if header else 1
        self.rows = 0
        self.numbers: np.ndarray | None = None
        self.schema = pa.schema([(n, pa.string()) for n in selected]
                                + [("source_file", pa.string()), ("source_row", pa.int64())])

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        generated = [f"c{i}" for i in range(self.width)]
        options = {
            "read_options": pacsv.ReadOptions(
                column_names=generated, skip_rows=1 if self.header else 0,
                encoding=self.encoding, block_size=BLOCK_BYTES),
            # A line break inside quotes is part of the value (slower to parse: only when
            # quoted).
            "parse_options": pacsv.ParseOptions(delimiter=self.delimiter,
                                                newlines_in_values=self.found.quoted),
            "convert_options": pacsv.ConvertOptions(
                column_types={name: pa.string() for name in generated},
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        }
        self.rows = 0
        try:
            for batch in pacsv.open_csv(self.path, **options):
                yield self._block(batch)
        except pa.ArrowInvalid as error:
            ragged = first_ragged_row(self.path, self.delimiter, self.encoding, self.width)
            if ragged:
                row, fields = ragged
                raise ExtractError(self.path, f"the line has {fields} fields; the header has "
                                   f"{self.width} (a truncated or damaged line?)",
                                   row=row) from None
            raise ExtractError(self.path, f"cannot parse as {self.delimiter!r}-delimited CSV: "
                               f"{error}") from None
        self._check_numbers()

    def _block(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        count = batch.num_rows
        first = self.offset + self.rows
        self.rows += count
        return pa.RecordBatch.from_arrays(
            [batch.column(index) for index in self.selected.values()]
            + [pa.repeat(pa.scalar(self.name, pa.string()), count),
               pa.array(np.arange(first, first + count, dtype=np.int64))],
            schema=self.schema)

    def _check_numbers(self) -> None:
        if self.rows + self.offset - 1 == self.found.lines and not self.found.lone_cr:
            return
        # Blank lines, quoted line breaks or lone carriage returns: count the records.
        numbers = record_numbers(self.path, self.delimiter, self.encoding)[self.offset - 1:]
        if len(numbers) != self.rows:
            raise ExtractError(self.path, f"cannot number the rows: {len(numbers)} non-blank "
                               f"rows read one way, {self.rows} the other (a damaged file?)")
        self.numbers = numbers


def record_numbers(path: Path, delimiter: str, encoding: str) -> np.ndarray:
    """The spreadsheet row number of every non-blank record (a quoted line break stays inside
    its record, as a spreadsheet shows it). Only run for files with blank lines or quoted line
    breaks, so its slowness does not matter."""
    with open(path, newline="", encoding=encoding, errors="replace") as handle:
        return np.array([number for number, fields in enumerate(
            csv.reader(handle, delimiter=delimiter), 1) if fields], dtype=np.int64)


def first_ragged_row(path: Path, delimiter: str, encoding: str,
                     width: int) -> tuple[int, int] | None:
    """The first row (header = row 1) whose number of fields is not the header's, if any.
    Only run when Arrow refuses the file, so its slowness does not matter."""
    with open(path, newline="", encoding=encoding, errors="replace") as handle:
        for row, fields in enumerate(csv.reader(handle, delimiter=delimiter), 1):
            if fields and len(fields) != width:
                return row, len(fields)
    return None
