"""A large CSV file read in parts (wres_pipeline/ingest/parts.py) gives exactly the raw table
of the file read whole, and staging it part by part gives the same staged and kept rows; a
file whose lines are not one record each is refused in parts, and ingest reads it whole."""

import logging

import duckdb
import pyarrow as pa
import pytest

from wres_pipeline import contracts
from wres_pipeline.ingest import parts
from wres_pipeline.ingest.extract import land_and_stage
from wres_pipeline.ingest.parts import NotInParts, read_in_parts
from wres_pipeline.ingest.readers import read_raw
from wres_pipeline.ingest.staging import stage, stage_parts
from wres_pipeline.resources import PathsSettings

ESR = contracts.load("esr_staff_in_post")
ROWS = 3000


def _lines(rows: int = ROWS) -> list[str]:
    return [",".join(ESR.column_names)] + [
        f"2024-03-31,R{i % 7:02d}A,{i:016X},{i:016X}-1,{'ABC'[i % 3]},Band {i % 9 + 1},"
        f"Nursing and Midwifery Registered,{'YN'[i % 2]},Permanent,{i % 10 / 10}"
        for i in range(rows)]


def _write(path, text: str):
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("ending", ["\n", "\r\n", "no final line break", "\n\n\n", "\r\n\r\n"])
def test_parts_are_the_file_read_whole(tmp_path, ending):
    lines = _lines()
    if ending == "no final line break":
        text = "\n".join(lines)
    else:  # blank lines may end a file
        text = ("\r\n" if "\r" in ending else "\n").join(lines) + ending
    path = _write(tmp_path / "esr.csv", text)
    found = list(read_in_parts(ESR, path, "2024/esr.csv", part_bytes=20_000))
    assert len(found) > 5
    whole = read_raw(ESR, path, "2024/esr.csv")
    assert pa.concat_tables(found).equals(whole)
    assert whole["source_row"][-1].as_py() == ROWS + 1  # header = row 1


@pytest.mark.parametrize("fault", ["blank line", "quoted value", "lone carriage return",
                                   "ragged line"])
def test_a_file_whose_lines_are_not_records_is_refused_in_parts(tmp_path, fault):
    lines = _lines()
    if fault == "blank line":
        lines.insert(1500, "")
    elif fault == "quoted value":
        lines[2500] = lines[2500].replace("Nursing", '"Nursing')
        lines[2500] = lines[2500].replace(",Y,", '",Y,').replace(",N,", '",N,')
    elif fault == "lone carriage return":
        lines[1700] = lines[1700].replace("Band", "Ba\rnd")
    else:
        lines[2000] += ",extra"
    path = _write(tmp_path / "esr.csv", "\n".join(lines) + "\n")
    with pytest.raises(NotInParts):
        list(read_in_parts(ESR, path, part_bytes=20_000))


def _staged(con) -> tuple[list, list]:
    return (con.sql("select * from staging.esr_staff_in_post order by rowid").fetchall(),
            con.sql("select * from raw.esr_staff_in_post").fetchall())


def test_staging_in_parts_is_staging_the_whole_file(tmp_path):
    path = _write(tmp_path / "esr.csv", "\n".join(_lines()).replace("Band 3", "band 3") + "\n")
    with duckdb.connect() as con:
        assert stage(con, ESR, read_raw(ESR, path)) == ROWS
        whole = _staged(con)
    with duckdb.connect() as con:
        assert stage_parts(con, ESR, read_in_parts(ESR, path, part_bytes=20_000)) == ROWS
        assert _staged(con) == whole
    # Only the text validation quotes is kept: the typed columns', and each row's file and row.
    assert len(whole[1][0]) == 5 and whole[1][0][-2:] == ("esr.csv", 2)


def test_ingest_reads_in_parts_and_reads_whole_a_file_it_cannot_part(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", 20_000)
    paths = PathsSettings.under(tmp_path)
    folder = tmp_path / "landing" / "2024"
    folder.mkdir(parents=True)
    lines = _lines()
    seen = {}
    for label, text in [("parts", "\n".join(lines) + "\n"),
                        ("whole", "\n".join(lines[:1500] + [""] + lines[1500:]) + "\n")]:
        _write(folder / "esr_staff_in_post.csv", text)
        with duckdb.connect() as con:
            archived, rows = land_and_stage(con, paths, 2024, ESR, logging.getLogger("test"))
            seen[label] = _staged(con)
        assert rows == {"esr_staff_in_post.csv": ROWS} and len(archived) == 1
    parts_rows, whole_rows = seen["parts"][0], seen["whole"][0]
    # The blank line is row 1501: every row after it is numbered one further.
    assert [r[:2] for r in parts_rows[:1499]] == [r[:2] for r in whole_rows[:1499]]
    assert parts_rows[1499][1] == 1501 and whole_rows[1499][1] == 1502
    assert [r[2:] for r in parts_rows] == [r[2:] for r in whole_rows]
