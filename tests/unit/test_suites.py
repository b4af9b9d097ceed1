"""The expectation suites: generated from the contracts, loadable by GX 1.x without losing an
expectation, and each rule explained; the reference organisations files pass their suites."""

import json

import duckdb
import pytest

from wres_pipeline import contracts
from wres_pipeline.ingest.staging import read_files, stage
from wres_pipeline.organisations.trusts import REFERENCE_FILES
from wres_pipeline.validation.frames import validation_frame
from wres_pipeline.validation.gx_runner import validate
from wres_pipeline.validation.rules import year_parameters
from wres_pipeline.validation.suites import load_suite, rules_in_suite, suite_path, suite_text

ALL = contracts.all_contracts()


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.name)
def test_committed_suite_is_what_the_contract_gives(contract):
    assert suite_path(contract.name).read_text(encoding="utf-8") == suite_text(contract), (
        "run `wres-pipeline suites` after changing a contract")


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.name)
def test_suite_loads_whole_in_gx(contract):
    raw = json.loads(suite_path(contract.name).read_text(encoding="utf-8"))
    assert len(load_suite(contract.name).expectations) == len(raw["expectations"])


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.name)
def test_every_rule_has_a_severity_and_a_reason(contract):
    rules = rules_in_suite(contract.name)
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.severity in ("error", "warning")
        assert len(rule.why) > 20
        assert rule.id.replace("_", "").isalnum()


def test_each_extract_has_the_rules_the_issue_names():
    ids = {c.name: {r.id for r in rules_in_suite(c.name)} for c in ALL}
    assert {"fte_in_range", "assignment_id_unique", "pay_grade_known", "staff_group_known",
            "ethnic_category_known", "organisation_code_known_trust"} <= ids["esr_staff_in_post"]
    assert {"appointed_not_above_shortlisted", "key_unique",
            "board_voting_members_in_range", "shortlisted_applicants_parses"} <= ids["trust_return"]
    assert {"positive_not_above_respondents", "question_code_known"} <= ids["staff_survey"]
    board = next(r for r in rules_in_suite("trust_return")
                 if r.id == "board_voting_members_in_range")
    assert board.kwargs["max_value"] == 39


@pytest.mark.parametrize("contract", contracts.for_extract("organisations"), ids=lambda c: c.name)
def test_reference_organisations_files_pass_their_suites(contract):
    with duckdb.connect() as con:
        stage(con, contract, read_files(contract, [REFERENCE_FILES[contract.name]]))
        frame = validation_frame(con, contract)
    outcomes, _ = validate(frame, contract.name, year_parameters(2024, [], []))
    assert [o.rule.id for o in outcomes if not o.success] == []


def test_data_quality_page_lists_exactly_the_rules_that_run():
    from wres_pipeline.validation import rules_doc

    assert rules_doc.current_section() == rules_doc.rules_markdown(), (
        "run `wres-pipeline suites` to refresh docs/data-quality.md")
