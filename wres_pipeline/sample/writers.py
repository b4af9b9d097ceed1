"""Write extracts the way trusts and national systems send them, byte for byte reproducibly.

CSV comes comma- or semicolon-delimited, with or without a UTF-8 BOM; XLSX is written with fixed
timestamps inside the workbook and its zip container so that one seed always gives one file.
"""

import io
import re
import shutil
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

BOM = b"\xef\xbb\xbf"
# A fixed time for every timestamp inside an XLSX file (the first WRES year's collection).
FIXED_TIME = (2015, 1, 1, 0, 0, 0)
FIXED_STAMP = b"2015-01-01T00:00:00Z"
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def write_csv(table: pa.Table, path: Path, delimiter: str = ",", bom: bool = False,
              quoted: bool = False) -> None:
    """Unquoted by default, as ESR exports are (Arrow refuses a value that would need quotes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    style = "needed" if quoted else "none"
    options = pacsv.WriteOptions(delimiter=delimiter, quoting_style=style, quoting_header=style)
    if not bom:
        pacsv.write_csv(table, path, options)
        return
    buffer = io.BytesIO()
    pacsv.write_csv(table, buffer, options)
    path.write_bytes(BOM + buffer.getvalue())


def write_xlsx(table: pa.Table, path: Path, sheet_title: str = "WRES return") -> None:
    import datetime as dt

    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(table.column_names)
    for row in table.to_pylist():
        sheet.append([_cell(value) for value in row.values()])
    workbook.properties.created = dt.datetime(*FIXED_TIME)
    workbook.properties.modified = dt.datetime(*FIXED_TIME)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_normalise_zip(buffer.getvalue()))


def _cell(value):
    """Counts go in as numbers, as a trust's spreadsheet holds them; everything else as text."""
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with every entry's time fixed, so the bytes depend on content alone.

    openpyxl stamps the save time into docProps/core.xml whatever the workbook says, so that
    timestamp is fixed here too.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = MODIFIED.sub(rb"\g<1>%s\g<2>" % FIXED_STAMP, content)
            target.writestr(fixed, content)
    return out.getvalue()


def copy_file(source: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, path)
