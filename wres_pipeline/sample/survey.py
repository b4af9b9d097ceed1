"""Draw the NHS Staff Survey's WRES breakdown for the survey of autumn Y-1.

Respondents follow each trust's headcount by group and its response rate; each indicator's
percentage varies by trust around the year's national White and BME levels.
"""

import numpy as np
import pandas as pd
import pyarrow as pa

from wres_pipeline.reference import table
from wres_pipeline.sample.esr import BME, WHITE, EsrSample
from wres_pipeline.sample.model import YearModel, reference_frame
from wres_pipeline.sample.randomness import expit, logit, stream


def question_codes(survey_year: int) -> dict[int, str]:
    """Indicator number to question code for one survey year (reference/survey_questions.csv)."""
    rows = [r for r in table("survey_questions") if int(r["survey_year"]) == survey_year]
    if not rows:
        raise ValueError(f"reference/survey_questions.csv has no questions for {survey_year}")
    return {int(r["indicator"]): r["question_code"] for r in rows}


def generate(model: YearModel, esr: EsrSample, seed: int) -> pa.Table:
    """Rows per trust, question and group (White, BME), all values as text."""
    rng = stream(seed, model.year, "survey")
    survey_year = model.year - 1
    questions = question_codes(survey_year)
    targets = reference_frame("survey_targets.csv")
    targets = targets[targets["wres_year"] == model.year].set_index("indicator")
    heads = esr.group_headcount
    n = len(heads)
    response = np.clip(rng.normal(0.45, 0.1, n), 0.15, 0.8)
    rows = {name: [] for name in ("survey_year", "organisation_code", "question_code",
                                  "ethnic_group", "respondents", "positive")}
    codes = model.trusts["organisation_code"].tolist()
    respondents = {g: rng.binomial(heads[:, g], response * (0.9 if g == BME else 1.0))
                   for g in (WHITE, BME)}
    for indicator, question in sorted(questions.items()):
        trust_shift = rng.normal(0, 0.25, n)
        answered = {g: rng.binomial(respondents[g], 0.97) for g in (WHITE, BME)}
        for g, label, column in ((WHITE, "White", "white_pct"), (BME, "BME", "bme_pct")):
            p = expit(logit(targets.loc[indicator, column] / 100) + trust_shift)
            positive = rng.binomial(answered[g], p)
            rows["survey_year"] += [str(survey_year)] * n
            rows["organisation_code"] += codes
            rows["question_code"] += [question] * n
            rows["ethnic_group"] += [label] * n
            rows["respondents"] += [str(v) for v in answered[g]]
            rows["positive"] += [str(v) for v in positive]
    frame = pd.DataFrame(rows).sort_values(["organisation_code", "question_code", "ethnic_group"],
                                           kind="stable")
    return pa.Table.from_pandas(frame, preserve_index=False)
