"""Reference data: ethnic groups, and the trusts of each WRES year from the real ODS file."""

import csv
import datetime as dt

import pytest

from wres_pipeline.organisations.trusts import REFERENCE_FILES, trusts_in_year
from wres_pipeline.reference import ethnic_group_of, table


@pytest.mark.parametrize(("value", "group"), [
    ("A", "white"), ("B", "white"), ("C", "white"), ("C3", "white"), ("cA", "white"),
    ("D", "bme"), ("H", "bme"), ("N", "bme"), ("S", "bme"), ("R7", "bme"),
    ("Z", "unknown"), ("99", "unknown"), ("X", "unknown"), ("", "unknown"), (None, "unknown"),
    ("9", "unknown"), ("Q", "unknown"), (" ", "unknown"),
    # Free text is never read by its first letter; exact descriptions count as their code.
    ("Asian or Asian British - Indian", "bme"), ("black or black british \u2013 african", "bme"),
    ("H Asian or Asian British - Indian", "bme"), ("Not stated", "unknown"),
    ("A White - British", "white"), ("Asian", "unknown"), ("Black", "unknown"),
    ("Any other", "unknown"), ("NOT KNOWN", "unknown"), ("White British", "unknown"),
    ("Asian or Asian British - Indian (local)", "unknown"), ("A1B", "unknown"),
])
def test_ethnic_group_maps_codes_only(value, group):
    assert ethnic_group_of(value) == group


def test_every_national_code_has_a_group():
    rows = table("ethnic_categories")
    assert {r["wres_group"] for r in rows} == {"white", "bme", "unknown"}
    assert [r["national_code"] for r in rows if r["wres_group"] == "white"] == ["A", "B", "C"]
    assert len([r for r in rows if r["wres_group"] == "bme"]) == 13


def test_successor_dates_follow_the_ods_close_dates():
    """Each successor takes over the day after its predecessor's ODS close date and is open
    then; the one documented exception is Mid Staffordshire (services moved in 2014, the body
    closed in 2017)."""
    with open(REFERENCE_FILES["ods_trusts"], newline="", encoding="utf-8") as handle:
        ods = {row[0]: row for row in csv.reader(handle)}
    exceptions = []
    for row in table("trust_successors"):
        before, after = ods[row["predecessor_code"]], ods[row["successor_code"]]
        effective = dt.date.fromisoformat(row["effective_date"])
        assert dt.datetime.strptime(after[10], "%Y%m%d").date() <= effective
        closed = dt.datetime.strptime(before[11], "%Y%m%d").date()
        if closed + dt.timedelta(days=1) != effective:
            exceptions.append(row["predecessor_code"])
    assert exceptions == ["RJD"]


@pytest.mark.parametrize(("year", "present", "absent"), [
    (2016, {"RR1", "RM2", "RW3", "RQM"}, {"R0A", "RJD", "RFW", "RQF", "R0C"}),
    # Trusts that close on 31 March are still open on the snapshot date; successors are not yet.
    (2018, {"R0A", "RR1", "RGQ", "RY1"}, {"RM2", "RW3"}),
    (2019, {"R0A", "RRK", "RE9", "RLN"}, {"RR1", "R0B"}),
    (2020, {"RA3", "RDD", "R0B"}, {"R0C", "RQ6"}),
    (2021, {"RAJ", "R0D", "RXH"}, {"RA3", "RDD", "RD3", "RT3"}),
    (2025, {"G6V2S", "RW1", "RAX"}, {"R1C", "RRP", "RY9", "RAP"}),
])
def test_trusts_in_year_follow_openings_mergers_and_england(year, present, absent):
    trusts = trusts_in_year(year).to_pylist()
    codes = {t["organisation_code"] for t in trusts}
    assert present <= codes
    assert not absent & codes
    assert all(t["trust_type"] and t["region_name"] for t in trusts)


def test_trust_counts_fall_with_mergers():
    counts = [trusts_in_year(year).num_rows for year in range(2015, 2026)]
    assert counts == sorted(counts, reverse=True)
    assert 225 <= counts[0] <= 240 and 195 <= counts[-1] <= 210
