"""Run one committed suite on one frame with Great Expectations 1.x and report each rule.

GX runs on pandas (its SQL path cannot validate DuckDB); `COMPLETE` results give the positions of
every failing row cheaply, and this module turns them back into file rows. Great Expectations is
imported only when a validation runs.
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
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # No progress bars: they would flood the run log and the command line.
    context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                         metric_calculations=False)
    source = context.data_sources.add_pandas("wres")
    return source.add_dataframe_asset("frame").add_batch_definition_whole_dataframe("whole")


def validate(frame: "pd.DataFrame", table: str, parameters: dict) -> tuple[list[Outcome], dict]:
    """Validate the frame with `expectations/<table>.json`; return outcomes and the GX result."""
    suite = load_suite(table)
    rules = {rule.id: rule for rule in rules_in_suite(table)}
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite, expectation_parameters=parameters,
                            result_format={"result_format": "COMPLETE"})
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
