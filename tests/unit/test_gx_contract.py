"""What the validation rules rely on from Great Expectations, checked on the pinned version so
that an upgrade that changes any of it fails here, loudly, before it can change a finding.

Each expectation type the committed suites use runs once through the same public-API path as
every validation (wres_pipeline/validation/gx_runner.py), on a small frame where it fails at
known rows; the rules need, from each: its success, the positions of the failing rows (the
quarantine is built from them), `$PARAMETER` values taken from the year's parameters, the rule
id carried in `meta`, and an expectation that cannot run reported as failed, not raised."""

import json
import re
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pytest

from wres_pipeline.validation.gx_runner import raised_error, validation_definition

ROOT = Path(__file__).resolve().parents[2]
FRAME = pd.DataFrame({
    "code": ["A", "B", None, "Z", "A"],
    "band": ["band_5", "band_6", "band_5", "band 9", "band_5"],
    "low": [1, 2, 3, 9, 5],
    "high": [2, 1, 4, 10, 6],
    "empty": [None, None, "x", None, None],
    "source_row": [10, 11, 12, 13, 13],
})
# (type, kwargs, failing positions or None for a table-level rule, success)
CASES = [
    ("expect_column_values_to_not_be_null", {"column": "code"}, [2], False),
    ("expect_column_values_to_be_null", {"column": "empty"}, [2], False),
    ("expect_column_values_to_be_in_set", {"column": "code", "value_set": {
        "$PARAMETER": "codes"}}, [3], False),
    ("expect_column_values_to_match_regex", {"column": "band", "regex": r"^band_\d$"}, [3],
     False),
    ("expect_column_values_to_be_between", {"column": "low", "min_value": 1,
                                            "max_value": 5}, [3], False),
    ("expect_column_value_lengths_to_be_between", {"column": "band", "min_value": 6,
                                                   "max_value": 6}, [], True),
    ("expect_column_pair_values_a_to_be_greater_than_b", {
        "column_A": "high", "column_B": "low", "or_equal": False}, [1], False),
    ("expect_column_values_to_be_unique", {"column": "source_row"}, [3, 4], False),
    ("expect_compound_columns_to_be_unique", {"column_list": ["code", "source_row"]}, [], True),
    ("expect_table_columns_to_match_set", {"column_set": ["code", "band"],
                                           "exact_match": False}, None, True),
    ("expect_table_row_count_to_be_between", {"min_value": 6}, None, False),
]


def _run(cases, frame=FRAME, parameters=None):
    from great_expectations.core import ExpectationSuite

    suite = ExpectationSuite(name="guard", expectations=[
        {"type": kind, "kwargs": kwargs, "meta": {"rule": f"rule_{i}"}}
        for i, (kind, kwargs, *_) in enumerate(cases)])
    return validation_definition("guard", suite).run(
        batch_parameters={"dataframe": frame}, expectation_parameters=parameters or {},
        result_format={"result_format": "COMPLETE"})


def test_great_expectations_is_the_pinned_version():
    pinned = re.search(r'"great-expectations==([^"]+)"',
                       (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    assert version("great_expectations") == pinned


def test_the_suites_use_only_expectation_types_checked_here():
    used = {e["type"] for path in (ROOT / "expectations").glob("*.json")
            for e in json.loads(path.read_text(encoding="utf-8"))["expectations"]}
    assert used <= {kind for kind, *_ in CASES}


def test_each_expectation_type_gives_its_success_and_failing_positions():
    result = _run(CASES, parameters={"codes": ["A", "B"]})
    assert len(result.results) == len(CASES)
    for item in result.results:
        i = int(item.expectation_config.meta["rule"].removeprefix("rule_"))
        kind, _, positions, success = CASES[i]
        assert item.success is success, kind
        assert raised_error(item) is None, (kind, item)
        if positions is not None:
            assert sorted(item.result.get("unexpected_index_list") or []) == positions, kind
            assert item.result["unexpected_count"] == len(positions), kind
            assert item.result["element_count"] == len(FRAME), kind


def test_a_parameter_takes_the_value_given_to_the_run():
    case = [CASES[2]]
    wide = _run(case, parameters={"codes": ["A", "B", "Z"]})
    assert wide.results[0].success is True
    with pytest.raises(Exception):  # noqa: B017 (a missing parameter must never pass silently)
        _run(case, parameters={})


def test_an_expectation_that_cannot_run_is_reported_failed_not_raised():
    result = _run([("expect_column_values_to_not_be_null", {"column": "missing"}, None, False)])
    (item,) = result.results
    assert item.success is False
    assert 'The column "missing"' in raised_error(item)


def test_an_unknown_expectation_type_never_loads_unseen():
    from great_expectations.core import ExpectationSuite

    raw = [{"type": "expect_column_values_to_be_spelt_right", "kwargs": {"column": "code"}}]
    try:
        suite = ExpectationSuite(name="misspelt", expectations=raw)
    except Exception:  # noqa: BLE001 (raising is as good: load_suite would stop either way)
        return
    # GX drops it with a log line; load_suite compares the count with the file and stops.
    assert len(suite.expectations) < len(raw)


def test_no_progress_bar_is_written(capfd):
    _run(CASES[:3], parameters={"codes": ["A"]})
    captured = capfd.readouterr()
    assert "Calculating Metrics" not in captured.err + captured.out
