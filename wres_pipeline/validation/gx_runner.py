"""Run one committed suite on one frame with Great Expectations 1.x and report each rule.

GX runs on pandas (its SQL path cannot validate DuckDB); `COMPLETE` results give the positions of
every failing row cheaply, and this module turns them back into file rows. Great Expectations is
imported only when a validation runs.

Only GX's public API is used: an ephemeral data context, a pandas data source with a whole-frame
batch definition, the suite added to the context, and a `ValidationDefinition` run with the frame
as its batch parameter and the year's values as expectation parameters. Each validation has a
context of its own (0.08 s to set up): `ValidationDefinition.run` keeps every result in its
context's store, so a context per validation lets the results go with it instead of growing
for the life of the process. GX is pinned (pyproject.toml); what the rules rely on from it is
checked by tests/unit/test_gx_contract.py, which fails loudly if an upgrade changes it.
"""

from dataclasses import dataclass
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


def validation_definition(name: str, suite):
    """A new ephemeral GX context holding the suite, and the validation definition that runs
    it on a whole pandas frame (given as the batch parameter `dataframe`)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # No progress bars: they would flood the run log and the command line (the documented
    # `progress_bars` setting of a context's configuration).
    context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                         metric_calculations=False)
    batch = context.data_sources.add_pandas("wres").add_dataframe_asset(name) \
        .add_batch_definition_whole_dataframe("whole")
    return context.validation_definitions.add(
        gx.ValidationDefinition(name=name, data=batch, suite=context.suites.add(suite)))


def validate(frame: "pd.DataFrame", table: str,
             parameters: dict) -> tuple[list[Outcome], dict]:
    """Validate the frame with `expectations/<table>.json`; return outcomes and the GX
    result."""
    rules = {rule.id: rule for rule in rules_in_suite(table)}
    result = validation_definition(table, load_suite(table)).run(
        batch_parameters={"dataframe": frame}, expectation_parameters=parameters,
        result_format={"result_format": "COMPLETE"})
    outcomes = []
    for item in result.results:
        rule = rules[item.expectation_config.meta["rule"]]
        details = item.result or {}
        raised = raised_error(item)
        positions = np.asarray(details.get("unexpected_index_list") or [], dtype=np.int64)
        outcomes.append(Outcome(
            rule=rule,
            success=bool(item.success) and not raised,
            failed=int(details.get("unexpected_count") or len(positions)),
            checked=int(details.get("element_count") or len(frame)),
            positions=positions,
            error=raised,
        ))
    return outcomes, result.to_json_dict()


def raised_error(item) -> str | None:
    """The message of the exception an expectation raised instead of running, if it did. GX
    gives it either directly (`raised_exception`, `exception_message`) or under each metric it
    could not compute (a missing column is reported that way)."""
    info = item.exception_info or {}
    found = [info] if "raised_exception" in info else \
        [v for v in info.values() if isinstance(v, dict)]
    messages = [f.get("exception_message") or "an exception" for f in found
                if f.get("raised_exception")]
    return "; ".join(messages) or None
