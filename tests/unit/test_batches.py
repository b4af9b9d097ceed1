"""Validation in batches (wres_pipeline/validation/batches.py) finds exactly what one validation
of the whole table finds: the same checks, messages, sample rows and quarantined rows."""

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
from wres_pipeline.validation.batches import batch_key, write_frame
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
        batches = write_frame(con, ESR, faulty_esr.num_rows, batch_rows=1_000)
        spread = con.sql("""select count(distinct batch) from validation_frame
                            group by assignment_id having count(*) > 1""").fetchall()
        sizes = [n for (n,) in con.sql("select count(*) from validation_frame group by batch")
                 .fetchall()]
    duplicated = pc.sum(pc.greater(pc.value_counts(faulty_esr["assignment_id"]).field("counts"),
                                   1)).as_py()
    assert batches == -(-faulty_esr.num_rows // 1_000) and len(sizes) == batches
    assert len(spread) == duplicated >= 2 and {n for (n,) in spread} == {1}
    assert max(sizes) <= 1_200


def _rule(expectation, **kwargs):
    return Rule("r", "t", expectation, kwargs, "error", True, "why", ("a",))


def test_what_can_be_batched():
    assert batch_key(rules_in_suite("esr_staff_in_post")) == ["assignment_id"]
    assert batch_key([_rule("expect_column_values_to_match_regex", column="a", regex="x")]) == []
    # Two keys batch by the columns they share, or not at all.
    unique_a = _rule("expect_column_values_to_be_unique", column="a")
    assert batch_key([unique_a, _rule("expect_compound_columns_to_be_unique",
                                      column_list=["a", "b"])]) == ["a"]
    assert batch_key([unique_a, _rule("expect_column_values_to_be_unique", column="b")]) is None
    # A rule over the whole table that a batch cannot decide.
    assert batch_key([_rule("expect_table_row_count_to_be_between", min_value=1,
                            max_value=10)]) is None
    assert batch_key([_rule("expect_column_mean_to_be_between", column="a")]) is None
