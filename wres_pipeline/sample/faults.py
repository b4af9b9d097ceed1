"""Fault injection: named, reproducible defects put into a generated year for tests.

Each fault changes one thing in the in-memory extracts before they are written and says exactly
what it changed (file, spreadsheet row, column), so a test can assert that the pipeline reports
that very place. Later issues extend the catalogue; `FAULTS` lists what exists.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa


@dataclass(frozen=True)
class Fault:
    """What a fault did: which file, which row (header = row 1), which column, and how."""

    name: str
    file: str
    row: int | None
    column: str | None
    detail: str


def _set(table: pa.Table, index: int, column: str, value: str) -> pa.Table:
    values = table.column(column).to_pylist()
    values[index] = value
    return table.set_column(table.schema.get_field_index(column), column,
                            pa.array(values, pa.string()))


def _esr_value(column: str, value: str, detail: str):
    def inject(extracts, rng: np.random.Generator) -> Fault:
        index = int(rng.integers(extracts.esr.num_rows))
        extracts.esr = _set(extracts.esr, index, column, value)
        return Fault("", "esr_staff_in_post.csv", index + 2, column, detail)
    return inject


def _return_value(column: str, make_value: Callable[[pa.Table, int], str], detail: str):
    def inject(extracts, rng: np.random.Generator) -> Fault:
        code = sorted(extracts.returns)[int(rng.integers(len(extracts.returns)))]
        index = int(rng.integers(2))  # the White or BME row
        extracts.returns[code] = _set(extracts.returns[code], index, column,
                                      make_value(extracts.returns[code], index))
        return Fault("", extracts.return_path(code), index + 2, column, detail)
    return inject


def _survey_positive_above_respondents(extracts, rng) -> Fault:
    index = int(rng.integers(extracts.survey.num_rows))
    respondents = int(extracts.survey.column("respondents")[index].as_py())
    extracts.survey = _set(extracts.survey, index, "positive", str(respondents + 3))
    return Fault("", "staff_survey.csv", index + 2, "positive", "positive above respondents")


def _esr_duplicate_assignment(extracts, rng) -> Fault:
    index = int(rng.integers(extracts.esr.num_rows))
    extracts.esr = pa.concat_tables([extracts.esr, extracts.esr.slice(index, 1)])
    return Fault("", "esr_staff_in_post.csv", extracts.esr.num_rows + 1, "assignment_id",
                 f"copy of row {index + 2}")


def _return_missing(extracts, rng) -> Fault:
    code = sorted(extracts.returns)[int(rng.integers(len(extracts.returns)))]
    path = extracts.return_path(code)
    del extracts.returns[code]
    return Fault("", path, None, None, f"no return from {code}")


FAULTS: dict[str, Callable] = {
    "esr_unknown_pay_grade": _esr_value("pay_grade", "Band 10", "pay grade 'Band 10'"),
    "esr_unknown_ethnic_category": _esr_value("ethnic_category", "Q", "ethnic category 'Q'"),
    "esr_fte_out_of_range": _esr_value("fte", "1.8", "FTE 1.8 (above 1.5)"),
    "esr_unknown_trust": _esr_value("organisation_code", "RZZ", "trust code RZZ not in ODS"),
    "esr_wrong_snapshot_date": _esr_value("snapshot_date", "2001-03-31", "snapshot 2001-03-31"),
    "esr_duplicate_assignment": _esr_duplicate_assignment,
    "return_appointed_above_shortlisted": _return_value(
        "appointed_from_shortlisting",
        lambda t, i: str(int(t.column("shortlisted_applicants")[i].as_py()) + 5),
        "appointed above shortlisted"),
    "return_negative_count": _return_value("entered_formal_disciplinary", lambda t, i: "-1",
                                           "negative count"),
    "return_fractional_count": _return_value("accessed_non_mandatory_training",
                                             lambda t, i: "12.5", "fractional count"),
    "return_missing": _return_missing,
    "survey_positive_above_respondents": _survey_positive_above_respondents,
}


def inject(extracts, names: list[str], rng: np.random.Generator) -> list[Fault]:
    """Apply the named faults in order; unknown names fail with the list of known ones."""
    unknown = [name for name in names if name not in FAULTS]
    if unknown:
        raise ValueError(f"unknown fault(s) {unknown}; known: {sorted(FAULTS)}")
    done = []
    for name in names:
        fault = FAULTS[name](extracts, rng)
        done.append(Fault(name, fault.file, fault.row, fault.column, fault.detail))
    return done
