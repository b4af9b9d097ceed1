"""Finding a year's files: lock and partial files are skipped, names match whatever their case,
any other file or folder is refused by name, escapes are refused, and a missing extract is
named; the archive keeps identical content once and never rewrites it."""

import os
import re
from pathlib import Path

import pytest

from wres_pipeline import contracts
from wres_pipeline.ingest.archive import archive_file, sha256_of
from wres_pipeline.ingest.errors import ExtractError
from wres_pipeline.ingest.landing import find_files, inventory

RETURNS = contracts.load("trust_return")


def _year(tmp_path):
    folder = tmp_path / "landing" / "2024" / "trust_returns"
    folder.mkdir(parents=True)
    return folder


def test_lock_hidden_and_partial_files_are_skipped(tmp_path):
    folder = _year(tmp_path)
    for name in ("RR8.csv", "RTH.xlsx", "~$RTH.xlsx", ".RR8.csv.swp", "RX1.csv.part",
                 "RX2.tmp", "R0A.CSV", "R0B.Xlsx"):
        (folder / name).write_text("x")
    found = find_files(tmp_path / "landing", 2024, RETURNS)
    assert [p.name for p in found] == ["R0A.CSV", "R0B.Xlsx", "RR8.csv", "RTH.xlsx"]
    entries = inventory(tmp_path / "landing" / "2024")
    assert {e["file"]: e["status"] for e in entries}["trust_returns/R0A.CSV"] == \
        "read as trust_return"
    assert {e["status"] for e in entries if "RX" in e["file"] or "~$" in e["file"]} == {
        "ignored: hidden, lock or partial file"}


@pytest.mark.parametrize(("name", "advice"), [
    ("R1A.xls", "save it as .xlsx"), ("R1A.ods", "save it as .xlsx"),
    ("returns.zip", "an archive is not read"), ("notes.txt", "no extract reads this file"),
    ("old/", "a folder no extract reads"),
])
def test_a_file_no_contract_claims_is_refused_by_name(tmp_path, name, advice):
    folder = _year(tmp_path)
    (folder / "RR8.csv").write_text("x")
    if name.endswith("/"):
        (folder / name).mkdir()
    else:
        (folder / name).write_text("x")
    pattern = f"{re.escape('2024/trust_returns/' + name.rstrip('/'))}: .*{re.escape(advice)}"
    with pytest.raises(ExtractError, match=pattern):
        find_files(tmp_path / "landing", 2024, RETURNS)


def test_a_symlink_out_of_the_landing_zone_is_refused(tmp_path):
    folder = _year(tmp_path)
    outside = tmp_path / "secret.csv"
    outside.write_text("x")
    os.symlink(outside, folder / "RR8.csv")
    with pytest.raises(ExtractError, match="resolves outside the landing zone"):
        find_files(tmp_path / "landing", 2024, RETURNS)


def test_missing_extract_and_missing_year_are_named(tmp_path):
    _year(tmp_path)
    with pytest.raises(ExtractError, match=r"2024: no file for Trust WRES return: expected "
                                           r"trust_returns/\*\.csv or trust_returns/\*\.xlsx"):
        find_files(tmp_path / "landing", 2024, RETURNS)
    with pytest.raises(ExtractError, match="no landing folder for WRES year 2019"):
        find_files(tmp_path / "landing", 2019, RETURNS)


def test_archive_is_content_addressed_read_only_and_never_rewritten(tmp_path):
    source = tmp_path / "RR8.csv"
    source.write_bytes(b"a,b\n1,2\n")
    first = archive_file(source, "trust_returns/RR8.csv", tmp_path / "archive")
    mtime = os.stat(first.archived).st_mtime_ns
    again = archive_file(source, "trust_returns/RR8.csv", tmp_path / "archive")
    assert again == first and os.stat(first.archived).st_mtime_ns == mtime
    assert first.sha256 == sha256_of(source) and first.archived.endswith(
        f"{first.sha256}/RR8.csv")
    assert os.stat(first.archived).st_mode & 0o222 == 0
    source.write_bytes(b"a,b\n1,3\n")  # a resubmission: kept beside the first, not over it
    changed = archive_file(source, "trust_returns/RR8.csv", tmp_path / "archive")
    assert changed.archived != first.archived
    assert Path(first.archived).read_bytes() == b"a,b\n1,2\n"
