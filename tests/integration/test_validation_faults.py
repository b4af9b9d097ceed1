"""Every injected fault is caught by exactly the check meant for it, with a message naming the
file, row and column; error-level faults stop everything downstream of the extract."""

import duckdb
import pytest

from tests.conftest import VALIDATION, failed_checks, materialize_year
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.faults import FAULTS
from wres_pipeline.sample.generate import generate_year

YEAR = 2023
# fault -> (the check that must fail, its severity, the asset it is on)
EXPECTED = {
    "esr_unknown_pay_grade": ("pay_grade_known", "ERROR", "staging/esr_staff_in_post"),
    "esr_unknown_ethnic_category": ("ethnic_category_known", "WARN", "staging/esr_staff_in_post"),
    "esr_fte_out_of_range": ("fte_in_range", "ERROR", "staging/esr_staff_in_post"),
    "esr_unknown_trust": ("organisation_code_known_trust", "ERROR",
                          "staging/esr_staff_in_post"),
    "esr_wrong_snapshot_date": ("snapshot_date_is_31_march", "ERROR",
                                "staging/esr_staff_in_post"),
    "esr_duplicate_assignment": ("assignment_id_unique", "ERROR", "staging/esr_staff_in_post"),
    "return_appointed_above_shortlisted": ("appointed_not_above_shortlisted", "ERROR",
                                           "staging/trust_return"),
    "return_negative_count": ("entered_formal_disciplinary_in_range", "ERROR",
                              "staging/trust_return"),
    "return_fractional_count": ("accessed_non_mandatory_training_parses", "ERROR",
                                "staging/trust_return"),
    "return_missing": ("every_trust_with_staff_sent_a_return", "WARN",
                       "core/trust_reconciliation"),
    "survey_positive_above_respondents": ("positive_not_above_respondents", "ERROR",
                                          "staging/staff_survey"),
}
# Checks that fail on the clean sample too (the generator draws realistic imperfections).
BACKGROUND = {"declared_headcount_agrees", "unknown_ethnicity_share",
              "indicator_3_window_as_configured", "baseline_year_published"}
# A fault's row is reported when it is the first failing row; the duplicate's first is the
# original row, and a missing file has no row.
NO_ROW_IN_MESSAGE = {"esr_duplicate_assignment", "return_missing"}


def test_every_fault_has_an_expected_check():
    assert set(EXPECTED) == set(FAULTS)


def _run(tmp_path, fault, validation=VALIDATION):
    made = generate_year(YEAR, tmp_path / "landing", seed=21, scale=0.01, faults=[fault])
    paths = PathsSettings.under(tmp_path, tmp_path / "landing")
    # Every check under test is at the staging or core layer: the run stops there.
    return made.faults[0], paths, materialize_year(paths, YEAR, validation, upto="core")


@pytest.mark.parametrize("fault_name", sorted(EXPECTED))
def test_fault_fails_exactly_its_check(tmp_path, fault_name):
    fault, paths, result = _run(tmp_path, fault_name)
    check, severity, asset = EXPECTED[fault_name]
    failed = failed_checks(result)
    expected_failures = {check} | ({"quarantined_share"} if severity == "ERROR" else set())
    assert set(failed) - BACKGROUND == expected_failures
    evaluation = failed[check]
    assert evaluation.asset_key.to_user_string() == asset
    assert evaluation.severity.value == severity
    text = evaluation.description
    if fault_name == "return_missing":
        assert fault.detail.split()[-1] in text  # the trust without a return is named
    else:
        assert f"{YEAR}/{fault.file}" in text and fault.column in text
        if fault_name not in NO_ROW_IN_MESSAGE:
            assert f"row {fault.row}," in text
    materialized = {e.asset_key.to_user_string() for e in
                    result.get_asset_materialization_events()}
    if severity == "ERROR":
        assert not result.success
        assert "core/trust_reconciliation" not in materialized
        with duckdb.connect(str(paths.database(YEAR)), read_only=True) as con:
            table = asset.split("/")[1]
            rows = con.sql(f"select source_file, source_row, rule "
                           f"from quarantine.{table}").fetchall()
        assert (f"{YEAR}/{fault.file}", fault.row, check) in rows
    else:
        assert result.success
        assert "core/trust_reconciliation" in materialized


def test_quarantine_share_above_the_maximum_is_an_error(tmp_path):
    strict = VALIDATION.model_copy(update={"max_quarantine_share": 0.0})
    _, _, result = _run(tmp_path, "return_negative_count", strict)
    evaluation = failed_checks(result)["quarantined_share"]
    assert evaluation.severity.value == "ERROR"
    assert "1 of" in evaluation.description
    assert "trust_return rows quarantined" in evaluation.description
