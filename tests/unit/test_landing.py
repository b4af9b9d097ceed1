"""Finding a year's files: lock and partial files are skipped, escapes are refused, and a
missing extract is named; the archive keeps identical content once and never rewrites it."""

import os
from pathlib import Path

import pytest

from wres_pipeline import contracts
from wres_pipeline.ingest.archive import archive_file, sha256_of
from wres_pipeline.ingest.errors import ExtractError
from wres_pipeline.ingest.landing import find_files

RETURNS = contracts.load("trust_return")


def _year(tmp_path):
    folder = tmp_path / "landing" / "2024" / "trust_returns"
    folder.mkdir(parents=True)
    return folder


def test_lock_hidden_and_partial_files_are_skipped(tmp_path):
    folder = _year(tmp_path)
    for name in ("RR8.csv", "RTH.xlsx", "~$RTH.xlsx", ".RR8.csv.swp", "RX1.csv.part",
                 "RX2.tmp", "notes.txt"):
        (folder / name).write_text("x")
    found = find_files(tmp_path / "landing", 2024, RETURNS)
    assert [p.name for p in found] == ["RR8.csv", "RTH.xlsx"]


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
