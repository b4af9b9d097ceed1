"""Read a large CSV file in parts, so that staging holds one part's text at a time.

A national ESR extract is about 170 MB of text, and 1 GB at 4x: read whole, its Arrow table
alone would make the year's peak memory grow with the year. A CSV file of more than
`PART_BYTES` is cut at line breaks into parts of about `PART_BYTES`, and each part is parsed
with the same options and multi-threaded reader as a whole file (readers.py), its rows
numbered from where the part starts. Smaller files and spreadsheets are read whole.

Numbering a part's rows from its lines holds only when each line is one record, as in what
ESR sends. A part that is not so, or that Arrow cannot parse on its own, raises `NotInParts`
and the caller reads the file whole instead, which reads it or names the file, row and
problem as it always did:
- a double quote (a line break may be inside a value);
- Arrow parses a different number of rows than the part has lines (a blank line, which Arrow
  skips, or a lone carriage return; blank lines at the end of the file are allowed);
- a ragged line, or a byte that is not UTF-8 past the first 64 KiB.
"""

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from wres_pipeline import probes
from wres_pipeline.contracts import Contract
from wres_pipeline.ingest.readers import (
    assemble,
    csv_options,
    dialect,
    read_raw,
    select_columns,
)

PART_BYTES = 64 << 20  # about 400,000 ESR rows; Arrow parses 16 MiB blocks in parallel


class NotInParts(Exception):
    """A part of the file could not be parsed on its own: read the file whole."""


def read_in_parts(contract: Contract, path: Path, name: str | None = None,
                  part_bytes: int | None = None) -> Iterator[pa.Table]:
    """The file's raw table (as `read_raw` gives it) in consecutive parts of about
    `part_bytes` (by default `PART_BYTES`), or whole in one."""
    path, part_bytes = Path(path), part_bytes or PART_BYTES
    size = path.stat().st_size
    if path.suffix.lower() != ".csv" or size <= part_bytes:
        yield read_raw(contract, path, name)
        return
    found = dialect(contract, path)
    selected = select_columns(contract, path, found.names)
    next_row = 2 if contract.header else 1  # numbered as a spreadsheet does: header = row 1
    with open(path, "rb") as handle:
        for index, (start, end) in enumerate(_bounds(handle, size, part_bytes)):
            header = contract.header and index == 0
            with probes.span("read", contract.name):
                handle.seek(start)
                data = handle.read(end - start)
                if b'"' in data:
                    raise NotInParts(f"{path}: quoted values")
                # Blank lines may end the file (Arrow skips them); a part ends at a line break.
                body = data.rstrip(b"\r\n") if end == size else data
                records = body.count(b"\n") + (end == size and bool(body)) - header
                del body
                table = _parse(data, found, header)
                del data
            if table.num_rows != records:
                raise NotInParts(f"{path}: {table.num_rows} rows parsed from {records} lines")
            part = assemble(selected, table.columns,
                            np.arange(next_row, next_row + records, dtype=np.int64),
                            name or path.name)
            next_row += records
            del table  # only the part holds the text now: one part in memory at a time
            yield part
            del part


def _parse(data: bytes, found, header: bool) -> pa.Table:
    try:
        return pacsv.read_csv(pa.BufferReader(pa.py_buffer(data)), **csv_options(
            len(found.names), found.delimiter, found.encoding, header))
    except pa.ArrowInvalid as error:
        raise NotInParts(str(error)) from None


def _bounds(handle, size: int, part_bytes: int) -> list[tuple[int, int]]:
    """Where each part starts and ends: about `part_bytes` long, each ending just after a line
    break (the last where the file ends)."""
    starts = [0]
    while starts[-1] + part_bytes < size:
        position = starts[-1] + part_bytes
        handle.seek(position)
        while (chunk := handle.read(1 << 16)) and b"\n" not in chunk:
            position += len(chunk)
        if not chunk:  # no line break after this point: the rest is the last part
            break
        starts.append(position + chunk.index(b"\n") + 1)
    return list(zip(starts, starts[1:] + [size], strict=True))
