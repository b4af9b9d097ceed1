"""The raw-file reader: real-world CSV and XLSX variants in, the same text rows out; bad files
get an error naming the file (and row and column where there is one)."""

import pytest

from wres_pipeline import contracts
from wres_pipeline.ingest.errors import ExtractError
from wres_pipeline.ingest.readers import read_raw
from wres_pipeline.sample.writers import write_xlsx

SURVEY = contracts.load("staff_survey")
HEADER = "survey_year,organisation_code,question_code,ethnic_group,respondents,positive"
ROWS = [["2023", "RR8", "Q15", "BME", "120", "55"], ["2023", "RR8", "Q15", "White", "900", "530"]]


def _text(delimiter=",", quote=False, eol="\n"):
    def cell(value):
        return f'"{value}"' if quote else value
    lines = [HEADER.replace(",", delimiter)] + [delimiter.join(cell(v) for v in row)
                                                  for row in ROWS]
    return eol.join(lines) + eol


def _rows(table):
    return [[r[c] for c in SURVEY.column_names] for r in table.to_pylist()]


@pytest.mark.parametrize(("name", "data"), [
    ("plain", _text().encode()),
    ("bom", b"\xef\xbb\xbf" + _text().encode()),
    ("quoted", _text(quote=True).encode()),
    ("semicolon", _text(";").encode()),
    ("tab", _text("\t").encode()),
    ("crlf", _text(eol="\r\n").encode()),
    ("trailing_blank_lines", (_text() + "\n\n\n").encode()),
    ("cp1252", _text().encode("cp1252")),
])
def test_csv_variants_read_the_same(tmp_path, name, data):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)
    table = read_raw(SURVEY, path)
    assert _rows(table) == ROWS
    assert table.column("source_row").to_pylist() == [2, 3]
    assert table.column("source_file").to_pylist() == [path.name] * 2


def test_windows_1252_names_are_decoded(tmp_path):
    path = tmp_path / "etr.csv"
    fields = ["RXX", "ST JOSÉ AND ST MARY’S TRUST", "Y56", "QMF", "", "", "", "", "", "N1 1AA",
              "20010401"] + [""] * 16
    line = ",".join(f'"{value}"' for value in fields)
    path.write_bytes((line + "\n").encode("cp1252"))
    table = read_raw(contracts.load("ods_trusts"), path)
    assert table.column("organisation_name").to_pylist() == ["ST JOSÉ AND ST MARY’S TRUST"]


def test_xlsx_reads_like_csv(tmp_path):
    import pyarrow as pa

    path = tmp_path / "RR8.xlsx"
    write_xlsx(pa.table({name: [row[i] for row in ROWS]
                         for i, name in enumerate(SURVEY.column_names)}), path)
    table = read_raw(SURVEY, path, name="2024/staff_survey.xlsx")
    assert _rows(table) == ROWS
    assert table.column("source_row").to_pylist() == [2, 3]
    assert set(table.column("source_file").to_pylist()) == {"2024/staff_survey.xlsx"}


def test_header_only_gives_no_rows(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(HEADER + "\n")
    assert read_raw(SURVEY, path).num_rows == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty (0 bytes)"),
    (b"\n\n", "the first line is blank"),
    (HEADER.replace(",positive", "").encode() + b"\n2023,RR8,Q15,BME,1\n",
     "missing column(s) positive"),
    (HEADER.encode() + b",notes\n", "unexpected column(s) notes"),
    (HEADER.replace("respondents", "Respondents ").encode() + b"\n",
     None),  # case and spaces in a header are forgiven
])
def test_bad_files_are_named_in_the_error(tmp_path, content, message):
    path = tmp_path / "staff_survey.csv"
    path.write_bytes(content)
    if message is None:
        assert read_raw(SURVEY, path).num_rows == 0
        return
    with pytest.raises(ExtractError) as caught:
        read_raw(SURVEY, path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_unsupported_and_damaged_files(tmp_path):
    odd = tmp_path / "survey.ods"
    odd.write_bytes(b"x")
    with pytest.raises(ExtractError, match="unsupported file type '.ods'"):
        read_raw(SURVEY, odd)
    broken = tmp_path / "survey.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ExtractError, match="cannot open as an XLSX workbook"):
        read_raw(SURVEY, broken)


@pytest.mark.parametrize(("name", "text", "rows"), [
    ("contiguous", f"{HEADER}\n{','.join(ROWS[0])}\n{','.join(ROWS[1])}\n", [2, 3]),
    ("blank_line", f"{HEADER}\n{','.join(ROWS[0])}\n\n{','.join(ROWS[1])}\n", [2, 4]),
    ("blank_lines_crlf", f"{HEADER}\r\n\r\n{','.join(ROWS[0])}\r\n\r\n{','.join(ROWS[1])}\r\n",
     [3, 5]),
    ("quoted_line_break", f'{HEADER}\n2023,RR8,"Q\n15",BME,120,55\n{",".join(ROWS[1])}\n',
     [2, 3]),
    ("both", f'{HEADER}\n2023,RR8,"Q\n15",BME,120,55\n\n{",".join(ROWS[1])}', [2, 4]),
])
def test_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path, name, text, rows):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(text.encode())
    table = read_raw(SURVEY, path)
    assert table.column("source_row").to_pylist() == rows
    assert table.column("respondents").to_pylist() == ["120", "900"]


def test_utf16_unicode_text_is_refused_by_name(tmp_path):
    path = tmp_path / "staff_survey.csv"
    path.write_bytes(_text("\t").encode("utf-16"))
    with pytest.raises(ExtractError, match="UTF-16 text .* save it as 'CSV UTF-8"):
        read_raw(SURVEY, path)
