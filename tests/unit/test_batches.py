"""Validation in batches (wres_pipeline/validation/batches.py) finds exactly what one validation
of the whole table finds: the same checks, messages, sample rows and quarantined rows."""

import collections

import dagster as dg
import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from wres_pipeline import contracts
from wres_pipeline.ingest.readers import read_raw
from wres_pipeline.ingest.staging import stage
from wres_pipeline.organisations.trusts import trusts_in_year
from wres_pipeline.sample.faults import FAULTS
from wres_pipeline.sample.generate import generate_year
from wres_pipeline.validation.batches import batch_count, batch_key, frames, key_frames
from wres_pipeline.validation.rules import Rule, year_parameters
from wres_pipeline.validation.suites import rules_in_suite
from wres_pipeline.validation.table import validate_table

ESR = contracts.load("esr_staff_in_post")
YEAR = 2024


@pytest.fixture(scope="module")
def faulty_esr(tmp_path_factory) -> pa.Table:
    """A sample year's ESR extract with every ESR fault of the generator, and more by hand:
    blanks, text that does not parse, a duplicate assignment far from its twin, blank ids."""
    faults = [name for name in FAULTS if name.startswith("esr_")]
    made = generate_year(YEAR, tmp_path_factory.mktemp("landing"), scale=0.01, faults=faults)
    raw = read_raw(ESR, made.folder / "esr_staff_in_post.csv")
    columns = {name: raw[name].to_pylist() for name in raw.column_names}
    for row, column, value in [(7, "fte", "one"), (900, "fte", ""), (1500, "clinical", "maybe"),
                               (2200, "snapshot_date", "31/03/2024"), (3000, "pay_grade", ""),
                               (4100, "assignment_id", ""), (4101, "assignment_id", ""),
                               (5000, "assignment_id", columns["assignment_id"][12])]:
        columns[column][row] = value
    return pa.table(columns, schema=raw.schema)


def _validate(raw: pa.Table, batch_rows: int, tmp_path):
    codes = trusts_in_year(YEAR).column("organisation_code").to_pylist()
    with duckdb.connect(str(tmp_path / f"batch_{batch_rows}.duckdb")) as con:
        stage(con, ESR, raw)
        result = validate_table(con, ESR, YEAR, year_parameters(YEAR, codes, []),
                                tmp_path / f"results_{batch_rows}", dg.AssetKey("esr"), 0.5,
                                ("2024/esr_staff_in_post.csv",), batch_rows=batch_rows)
        quarantine = con.sql("select * from quarantine.esr_staff_in_post").fetchall()
    checks = [(c.check_name, c.passed, c.severity, c.description,
               {k: getattr(v, "value", v) for k, v in c.metadata.items()})
              for c in result.checks]
    return result, checks, quarantine


def test_batches_find_what_the_whole_table_finds(faulty_esr, tmp_path):
    whole, whole_checks, whole_quarantine = _validate(faulty_esr, 10**9, tmp_path)
    batched, batched_checks, batched_quarantine = _validate(faulty_esr, 1_000, tmp_path)
    failing = {name for name, passed, *_ in whole_checks if not passed}
    # The faults are found at all (else the comparison below would prove little).
    assert {"assignment_id_unique", "fte_parses", "fte_present", "pay_grade_known",
            "clinical_parses", "snapshot_date_parses", "organisation_code_known_trust",
            "ethnic_category_known", "snapshot_date_is_31_march", "fte_in_range",
            "assignment_id_present"} <= failing
    assert batched_checks == whole_checks
    assert batched_quarantine == whole_quarantine
    assert (batched.rows, batched.quarantined, batched.blocked) == \
        (whole.rows, whole.quarantined, whole.blocked)
    assert batched.result_file.read_text(encoding="utf-8").startswith('{\n "batches"')


def test_rows_with_one_key_share_a_batch_and_every_batch_is_used(faulty_esr):
    with duckdb.connect() as con:
        stage(con, ESR, faulty_esr)
        batches = batch_count(ESR, faulty_esr.num_rows, batch_rows=1_000)
        keyed = list(key_frames(con, ESR, ["assignment_id"], batches))
        row_frames = list(frames(con, ESR, 1_000))
    seen = [frame["assignment_id"].dropna().tolist() for frame in keyed]
    blank = [int(frame["assignment_id"].isna().sum()) for frame in keyed]
    assert batches == -(-faulty_esr.num_rows // 1_000) and len(seen) == batches
    # Every row is in one batch, with every column, in the table's order within its batch.
    positions = sorted(p for frame in keyed for p in frame["frame_row"])
    assert positions == list(range(faulty_esr.num_rows))
    assert all(frame["frame_row"].is_monotonic_increasing for frame in keyed)
    assert all(list(frame.columns) == list(row_frames[0].columns) for frame in keyed)
    assert sum(len(ids) for ids in seen) == pc.count(faulty_esr["assignment_id"]).as_py() - 2
    assert max(len(frame) for frame in keyed) <= 1_200
    # Blank ids have no key to share: spread by position, not all in one batch.
    assert sum(blank) >= 2 and max(blank) < sum(blank)
    # Consecutive batches of 1,000 rows, for a suite without a key.
    last = faulty_esr.num_rows - 1_000 * (batches - 1)
    assert [len(f) for f in row_frames] == [1_000] * (batches - 1) + [last]
    duplicated = [v for v, n in collections.Counter(
        faulty_esr["assignment_id"].to_pylist()).items() if n > 1 and v]
    assert len(duplicated) >= 2
    for value in duplicated:  # every copy of a key is in one batch
        assert sum(value in ids for ids in seen) == 1


def _rule(expectation, **kwargs):
    return Rule("r", "t", expectation, kwargs, "error", True, "why", ("a",))


def test_what_can_be_batched():
    assert batch_key(rules_in_suite("esr_staff_in_post")) == ["assignment_id"]
    assert batch_key([_rule("expect_column_values_to_match_regex", column="a", regex="x")]) == []
    # Two keys batch by the columns they share, or not at all.
    unique_a = _rule("expect_column_values_to_be_unique", column="a")
    assert batch_key([unique_a, _rule("expect_compound_columns_to_be_unique",
                                      column_list=["a", "b"],
                                      ignore_row_if="any_value_is_missing")]) == ["a"]
    assert batch_key([unique_a, _rule("expect_column_values_to_be_unique", column="b")]) is None
    # Rows with a blank key are spread by position: only when every key rule passes over them
    # (GX's default for a compound rule compares a row unless all its columns are blank).
    assert batch_key([_rule("expect_compound_columns_to_be_unique",
                            column_list=["a", "b"])]) == ["a", "b"]
    assert batch_key([_rule("expect_compound_columns_to_be_unique", column_list=["a", "b"],
                            ignore_row_if="never")]) is None
    assert batch_key([unique_a, _rule("expect_compound_columns_to_be_unique",
                                      column_list=["a", "b"])]) is None
    # A rule over the whole table that a batch cannot decide.
    assert batch_key([_rule("expect_table_row_count_to_be_between", min_value=1,
                            max_value=10)]) is None
    assert batch_key([_rule("expect_column_mean_to_be_between", column="a")]) is None
