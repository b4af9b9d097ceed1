"""A plain pandas implementation of the trust-level WRES indicators from the raw files, as an
analyst without this project would write it. The benchmark times it against the pipeline and
checks that both give the same numbers (indicator 1 shares, the likelihoods of indicators 2-4
for a one-year window, survey percentages and board gaps)."""

import math
from pathlib import Path

import pandas as pd

WHITE, BME = set("ABC"), set("DEFGHJKLMNPRS")
IN_SCOPE = {"Permanent", "Fixed Term Temp", "Locum"}


def _group(code) -> str:
    first = str(code)[:1] if isinstance(code, str) else ""
    return "White" if first in WHITE else "BME" if first in BME else "Unknown"


def _read_return(path: Path) -> pd.DataFrame:
    if path.suffix == ".xlsx":
        return pd.read_excel(path)
    return pd.read_csv(path, sep=None, engine="python", encoding="utf-8-sig")


def compute(folder: Path, survey_questions: dict[str, int]) -> pd.DataFrame:
    """Trust-level indicators as rows (area_code, indicator, measure, breakdown, group, value)."""
    esr = pd.read_csv(folder / "esr_staff_in_post.csv", dtype=str, keep_default_na=False)
    esr = esr[esr["assignment_category"].isin(IN_SCOPE)]
    people = esr.groupby(["organisation_code", "person_id"])["ethnic_category"].min()
    people = people.map(_group).rename("group").reset_index()
    heads = people.groupby(["organisation_code", "group"]).size().unstack(fill_value=0)
    heads = heads.reindex(columns=["White", "BME", "Unknown"], fill_value=0)
    rows = []
    total = heads.sum(axis=1)
    for group in ("White", "BME", "Unknown"):
        for code, value in (100 * heads[group] / total).items():
            rows.append((code, 1, "share", "all", group, value))
    returns = pd.concat([_read_return(p) for p in sorted((folder / "trust_returns").iterdir())])
    returns["group"] = returns["ethnic_group"]
    by = returns.set_index(["organisation_code", "group"])
    for code, trust in by.groupby(level=0):
        trust = trust.droplevel(0)
        pairs = {2: (trust["appointed_from_shortlisting"], trust["shortlisted_applicants"]),
                 3: (trust["entered_formal_disciplinary"], heads.loc[code]),
                 4: (trust["accessed_non_mandatory_training"], heads.loc[code])}
        for indicator, (events, population) in pairs.items():
            aw, nw, ab, nb = (events["White"], population["White"], events["BME"],
                              population["BME"])
            if 0 in (aw, nw, ab, nb):
                continue
            value = (ab / nb) / (aw / nw) if indicator == 3 else (aw / nw) / (ab / nb)
            rows.append((code, indicator, "relative_likelihood", "all", "all", value))
        workforce = 100 * heads.loc[code, "BME"] / heads.loc[code].sum()
        for column, breakdown in (("board_voting_members", "board_voting"),
                                  ("board_executive_members", "board_executive")):
            board = trust[column].sum()
            if board:
                rows.append((code, 9, "gap_pp", breakdown, "all",
                             100 * trust.loc["BME", column] / board - workforce))
    survey = pd.read_csv(folder / "staff_survey.csv")
    survey = survey[survey["question_code"].isin(survey_questions)]
    for row in survey.itertuples():
        if row.respondents:
            rows.append((row.organisation_code, survey_questions[row.question_code], "percent",
                         "all", row.ethnic_group, 100 * row.positive / row.respondents))
    return pd.DataFrame(rows, columns=["area_code", "indicator", "measure", "breakdown", "group",
                                       "value"])


def compare(baseline: pd.DataFrame, pipeline: pd.DataFrame) -> tuple[int, float]:
    """Rows compared and the largest relative difference."""
    merged = baseline.merge(pipeline, on=["area_code", "indicator", "measure", "breakdown",
                                          "group"], suffixes=("_baseline", "_pipeline"))
    worst = 0.0
    for a, b in zip(merged["value_baseline"], merged["value_pipeline"], strict=True):
        if b is None or (isinstance(b, float) and math.isnan(b)):
            raise AssertionError("the pipeline has no value where the baseline has one")
        worst = max(worst, abs(a - b) / max(abs(b), 1e-12))
    if len(merged) != len(baseline):
        raise AssertionError(f"{len(baseline) - len(merged)} baseline rows not in the pipeline")
    return len(merged), worst
