"""Run one committed suite on one frame with Great Expectations 1.x and report each rule.

GX runs on pandas (its SQL path cannot validate DuckDB); `COMPLETE` results give the positions of
every failing row cheaply, and this module turns them back into file rows. Great Expectations is
imported only when a validation runs.

The suite runs through GX's v1 `Validator`, the class `ValidationDefinition.run` uses, given the
batch definition and the frame directly: `Batch.validate` would build the batch twice, and
`ValidationDefinition.run` would keep every result in the context's in-memory store for the life
of the process.

GX's pandas engine fingerprints every frame under 1 GB as it builds the batch (an MD5 of
`pandas.util.hash_pandas_object` over every row, recorded in the result's batch markers as
`pandas_data_fingerprint`): 0.9 s of the 3 s the national ESR suite takes. Nothing reads it, and
the archive manifest already records the SHA-256 of every file validated, so `_skip_fingerprint`
turns it off (tests/unit/test_gx_runner.py checks it stays off).
"""

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from wres_pipeline.validation.rules import Rule
from wres_pipeline.validation.suites import load_suite, rules_in_suite

if TYPE_CHECKING:  # pandas is imported where a frame is built, not at start-up
    import pandas as pd


@dataclass(frozen=True)
class Outcome:
    """One rule's result: pass or fail, how many rows failed and which (frame positions)."""

    rule: Rule
    success: bool
    failed: int
    checked: int
    positions: np.ndarray
    error: str | None = None


@cache
def _batch_definition():
    """One ephemeral GX context and whole-frame batch definition per process (set up by the
    first validation: importing GX takes about 2 s)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    _skip_fingerprint()
    context = gx.get_context(mode="ephemeral")
    # No progress bars: they would flood the run log and the command line.
    context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                         metric_calculations=False)
    source = context.data_sources.add_pandas("wres")
    return source.add_dataframe_asset("frame").add_batch_definition_whole_dataframe("whole")


def _skip_fingerprint() -> None:
    # GX fingerprints a frame when its memory use is below HASH_THRESHOLD, a module constant
    # read at each batch (great_expectations/execution_engine/pandas_execution_engine.py).
    from great_expectations.execution_engine import pandas_execution_engine

    pandas_execution_engine.HASH_THRESHOLD = 0


def validate(frame: "pd.DataFrame", table: str, parameters: dict) -> tuple[list[Outcome], dict]:
    """Validate the frame with `expectations/<table>.json`; return outcomes and the GX result."""
    suite = load_suite(table)
    rules = {rule.id: rule for rule in rules_in_suite(table)}
    from great_expectations.validator.v1_validator import Validator

    validator = Validator(batch_definition=_batch_definition(),
                          batch_parameters={"dataframe": frame},
                          result_format={"result_format": "COMPLETE"})
    result = validator.validate_expectation_suite(suite, parameters)
    outcomes = []
    for item in result.results:
        rule = rules[item.expectation_config.meta["rule"]]
        details = item.result or {}
        raised = (item.exception_info or {}).get("raised_exception")
        positions = np.asarray(details.get("unexpected_index_list") or [], dtype=np.int64)
        outcomes.append(Outcome(
            rule=rule,
            success=bool(item.success) and not raised,
            failed=int(details.get("unexpected_count") or len(positions)),
            checked=int(details.get("element_count") or len(frame)),
            positions=positions,
            error=(item.exception_info or {}).get("exception_message") if raised else None,
        ))
    return outcomes, result.to_json_dict()
