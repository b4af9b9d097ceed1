"""Each kind of rule on a hand-made table: which rows fail, and what the message says."""

import duckdb
import pyarrow as pa
import pytest

from wres_pipeline import contracts
from wres_pipeline.ingest.staging import stage
from wres_pipeline.validation.findings import message, quarantine_table
from wres_pipeline.validation.frames import validation_frame
from wres_pipeline.validation.gx_runner import validate
from wres_pipeline.validation.rules import year_parameters

SURVEY = contracts.load("staff_survey")
GOOD = ["2023", "RR8", "Q15", "BME", "120", "55"]


def _survey(rows):
    table = {name: pa.array([row[i] for row in rows], pa.string())
             for i, name in enumerate(SURVEY.column_names)}
    table["source_file"] = pa.array(["2024/staff_survey.csv"] * len(rows))
    table["source_row"] = pa.array(range(2, len(rows) + 2), pa.int64())
    return pa.table(table)


def _failures(rows):
    with duckdb.connect() as con:
        stage(con, SURVEY, _survey(rows))
        frame = validation_frame(con, SURVEY)
    outcomes, _ = validate(frame, "staff_survey",
                           year_parameters(2024, ["RR8", "RTH"], ["Q14a", "Q15"]))
    failed = {o.rule.id: o for o in outcomes if not o.success}
    return frame, failed


def test_clean_rows_pass_every_rule():
    frame, failed = _failures([GOOD, ["2023", "RTH", "Q15", "White", "900", "530"]])
    assert failed == {}


@pytest.mark.parametrize(("column", "value", "rule", "problem"), [
    ("respondents", "12.5", "respondents_parses", "is not a whole number"),
    ("respondents", "1,200", "respondents_parses", "is not a whole number"),
    ("respondents", "1e3", "respondents_parses", "is not a whole number"),
    ("respondents", "-4", "respondents_in_range", "is outside the allowed range"),
    ("respondents", "", "respondents_present", "is blank"),
    ("positive", "121", "positive_not_above_respondents", "has more positive answers"),
    ("ethnic_group", "Asian", "ethnic_group_known", "is not a known value"),
    ("organisation_code", "RZZ", "organisation_code_known_trust", "is not a trust open"),
    ("organisation_code", "R'; DROP TABLE x;--", "organisation_code_format",
     "does not have the expected form"),
    ("question_code", "Q99", "question_code_known", "is not a question"),
    ("survey_year", "2024", "survey_year_is_year_before", "is not the survey year before"),
])
def test_one_bad_value_fails_its_rule_naming_file_row_and_column(column, value, rule, problem):
    rows = [GOOD, list(GOOD)]
    rows[1][SURVEY.column_names.index(column)] = value
    rows[1][1] = rows[1][1] if column == "organisation_code" else "RTH"
    frame, failed = _failures(rows)
    assert rule in failed, sorted(failed)
    assert failed[rule].failed == 1
    text = message(frame, failed[rule])
    assert text.startswith("2024/staff_survey.csv, row 3, column '")
    assert column in text and problem in text


def test_duplicate_key_quarantines_both_rows():
    frame, failed = _failures([GOOD, GOOD])
    assert set(failed) == {"key_unique"}
    quarantined = quarantine_table(frame, list(failed.values()))
    assert quarantined.column("source_row").to_pylist() == [2, 3]
    assert set(quarantined.column("rule").to_pylist()) == {"key_unique"}


def test_header_only_file_fails_not_empty():
    _, failed = _failures([])
    assert "not_empty" in failed
