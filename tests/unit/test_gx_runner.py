"""A committed suite runs through Great Expectations' public API and finds the failing rows."""

import duckdb

from wres_pipeline import contracts
from wres_pipeline.ingest.staging import read_files, stage
from wres_pipeline.organisations.trusts import REFERENCE_FILES
from wres_pipeline.validation.frames import validation_frame
from wres_pipeline.validation.gx_runner import validate
from wres_pipeline.validation.rules import year_parameters


def _frame(contract):
    with duckdb.connect() as con:
        stage(con, contract, read_files(contract, [REFERENCE_FILES[contract.name]]))
        return validation_frame(con, contract)


def test_a_committed_suite_passes_clean_data_and_finds_a_failing_row():
    contract = contracts.load("organisation_types")
    frame = _frame(contract)
    outcomes, result = validate(frame, contract.name, year_parameters(2024, [], []))
    assert all(o.success for o in outcomes)
    assert result["success"] is True
    assert result["meta"]["batch_parameters"] == {"dataframe": "<DATAFRAME>"}  # not the rows
    column = next(c for c in frame.columns if frame[c].notna().all()
                  and c not in ("source_file", "source_row"))
    frame[column] = frame[column].astype(object)
    frame.loc[0, column] = None
    outcomes, _ = validate(frame, contract.name, year_parameters(2024, [], []))
    failed = [o for o in outcomes if not o.success]
    assert failed and list(failed[0].positions) == [0]
