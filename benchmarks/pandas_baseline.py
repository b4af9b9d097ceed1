"""A plain pandas implementation of the trust-level WRES indicators from the raw files, as an
analyst without this project would write it: the same rows as the pipeline's internal edition
at trust level (every measure, breakdown and group of indicators 1-9, with their confidence
intervals), from the landing files and the method's reference lists. Like the pipeline's sample
year run on its own, indicator 3 uses the year alone. Not done here, as the pipeline does:
typing and validating every column, quarantine, the region, trust type and England levels
(sums of the trust counts), disclosure control and publishing. The benchmark times it against
the pipeline's compute and checks every value and interval agrees."""

import math
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
GROUPS = ["White", "BME", "Unknown"]
KEYS = ["area_code", "indicator", "measure", "breakdown", "group"]
# Which group's rate is on top of each relative likelihood (reference/indicators.csv).
NUMERATOR_GROUP = {2: "White", 3: "BME", 4: "White"}
# Model Employer's pooled senior bands (config.toml's method), each person once.
with open(REFERENCE.parent / "config.toml", "rb") as _handle:
    POOL = tomllib.load(_handle)["method"]["model_employer_pooled_bands"]
POOL_NAME = f"{POOL[0]}_to_{POOL[-1].removeprefix('band_')}"


def _wilson(x, n, z):
    p = x / n
    centre, spread = p + z * z / (2 * n), z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return 100 * p, 100 * (centre - spread) / (1 + z * z / n), \
        100 * (centre + spread) / (1 + z * z / n)


def _proportions(counts: pd.DataFrame, indicator: int, measure: str, groups, z) -> pd.DataFrame:
    """Rows of group / total for a frame indexed by (area_code, breakdown), one column a group
    and `n` the denominator; rows with no denominator have no value and are left out. Census
    shares (everyone counted) have no interval; rates and survey percents a Wilson one."""
    counts = counts[counts["n"] > 0]
    rows = []
    for group in groups:
        value, low, high = _wilson(counts[group], counts["n"], z)
        if measure not in ("rate", "percent"):
            low = high = np.nan
        rows.append(pd.DataFrame({"value": value, "ci_lower": low, "ci_upper": high})
                    .assign(group=group))
    out = pd.concat(rows).reset_index()
    return out.assign(indicator=indicator, measure=measure)


def _workforce(folder: Path) -> pd.DataFrame:
    """Headcount by (trust, breakdown) and group: people once per trust, with the group of
    their lowest ethnic category, and once in each post (clinical flag and grade) they hold."""
    scope = pd.read_csv(REFERENCE / "assignment_categories.csv", dtype=str)
    grades = pd.read_csv(REFERENCE / "pay_grades.csv", dtype=str)[["esr_grade", "wres_grade"]]
    esr = pd.read_csv(folder / "esr_staff_in_post.csv", dtype=str, keep_default_na=False)
    esr = esr[esr["assignment_category"].isin(scope.loc[scope["in_scope"] == "true",
                                                        "assignment_category"])]
    esr = esr.merge(grades, left_on="pay_grade", right_on="esr_grade")
    esr["ethnic_category"] = esr["ethnic_category"].replace("", np.nan)
    people = esr.groupby(["organisation_code", "person_id"])["ethnic_category"].min()
    first = people.str[:1]
    people = pd.Series(np.select([first.isin(list("ABC")), first.isin(list("DEFGHJKLMNPRS"))],
                                 ["White", "BME"], "Unknown"), index=people.index,
                       name="group").reset_index()
    posts = esr[["organisation_code", "person_id", "clinical", "wres_grade"]].drop_duplicates()
    posts = posts.merge(people, on=["organisation_code", "person_id"])
    posts["flag"] = np.where(posts["clinical"] == "Y", "clinical", "non_clinical")
    memberships = [
        posts.assign(breakdown=posts["flag"] + ":" + posts["wres_grade"]),
        posts.assign(breakdown=posts["flag"] + ":all")
        .drop_duplicates(["organisation_code", "person_id", "breakdown"]),
        posts.assign(breakdown="all:" + posts["wres_grade"])
        .drop_duplicates(["organisation_code", "person_id", "breakdown"]),
        posts[posts["wres_grade"].isin(POOL)].assign(breakdown=f"all:{POOL_NAME}")
        .drop_duplicates(["organisation_code", "person_id", "breakdown"]),
        people.assign(breakdown="all"),
    ]
    heads = (pd.concat([m[["organisation_code", "breakdown", "group"]] for m in memberships])
             .groupby(["organisation_code", "breakdown", "group"]).size()
             .unstack(fill_value=0).reindex(columns=GROUPS, fill_value=0))
    heads.index.names = ["area_code", "breakdown"]
    return heads


def _likelihoods(rates: pd.DataFrame, z) -> pd.DataFrame:
    """Relative likelihood rows from events and populations by group: log-method interval
    where both groups have events and not both are at 100 %, MOVER-R (Wilson limits) at those
    boundaries; a likelihood of 0 is a value. Rows with no finite value are left out."""
    rows = []
    for indicator, frame in rates.groupby("indicator"):
        top = NUMERATOR_GROUP[indicator]
        bottom = "BME" if top == "White" else "White"
        a1, n1 = frame[("events", top)], frame[("population", top)]
        a2, n2 = frame[("events", bottom)], frame[("population", bottom)]
        ok = (n1 > 0) & (n2 > 0) & (a2 > 0)
        inside = (a1 > 0) & ~((a1 == n1) & (a2 == n2))
        with np.errstate(divide="ignore", invalid="ignore"):  # the rows not ok are dropped
            p1, p2 = a1 / n1, a2 / n2
            value = p1 / p2
            se = np.sqrt(1 / a1 - 1 / n1 + 1 / a2 - 1 / n2)
            _, l1, u1 = (b / 100 for b in _wilson(a1, n1, z))
            _, l2, u2 = (b / 100 for b in _wilson(a2, n2, z))
            mover_low = (p1 * p2 - np.sqrt(np.maximum(0, (p1 * p2) ** 2 - l1 * u2 * (2 * p1 - l1)
                                                      * (2 * p2 - u2)))) / (u2 * (2 * p2 - u2))
            mover_high = (p1 * p2 + np.sqrt(np.maximum(0, (p1 * p2) ** 2 - u1 * l2
                                                       * (2 * p1 - u1) * (2 * p2 - l2)))
                          ) / (l2 * (2 * p2 - l2))
            rows.append(pd.DataFrame({
                "value": value,
                "ci_lower": np.maximum(0, np.where(inside, np.exp(np.log(value) - z * se),
                                                   mover_low)),
                "ci_upper": np.where(inside, np.exp(np.log(value) + z * se), mover_high),
            })[ok].reset_index())
    return pd.concat(rows).assign(measure="relative_likelihood", group="all")


def _overall(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame under the one breakdown indicators 2-8 have, 'all'."""
    return frame.assign(breakdown="all").set_index("breakdown", append=True)


def _returns(folder: Path, heads: pd.DataFrame, z: float) -> tuple[list, pd.DataFrame]:
    """Indicators 2-4 (rates, unknown shares, relative likelihoods); and the returns with each
    trust's headcount by group, for indicator 9."""
    returns = pd.concat([pd.read_excel(p) if p.suffix == ".xlsx"
                         else pd.read_csv(p, sep=None, engine="python", encoding="utf-8-sig")
                         for p in sorted((folder / "trust_returns").iterdir())])
    returns = returns.rename(columns={"organisation_code": "area_code", "ethnic_group": "group"})
    returns = returns.set_index(["area_code", "group"]).apply(pd.to_numeric)
    headcount = heads.xs("all", level="breakdown").stack().rename("headcount")
    headcount.index.names = ["area_code", "group"]
    returns = returns.join(headcount, how="left").fillna({"headcount": 0})
    pairs = {2: ("appointed_from_shortlisting", "shortlisted_applicants"),
             3: ("entered_formal_disciplinary", "headcount"),
             4: ("accessed_non_mandatory_training", "headcount")}
    rates = pd.concat([returns[[e, p]].set_axis(["events", "population"], axis=1)
                       .assign(indicator=i) for i, (e, p) in pairs.items()]).reset_index()
    wide = rates.pivot_table(index=["area_code", "indicator"], columns="group",
                             values=["events", "population"], aggfunc="sum")
    out = []
    for indicator, frame in wide.groupby(level="indicator"):
        frame = frame.droplevel("indicator")
        for group in ("White", "BME"):
            part = frame["events"][[group]].assign(n=frame["population"][group])
            out.append(_proportions(_overall(part), indicator, "rate", [group], z))
        unknown = frame["population"][["Unknown"]].assign(n=frame["population"].sum(axis=1))
        out.append(_proportions(_overall(unknown), indicator, "unknown_share", ["Unknown"], z))
    out.append(_likelihoods(_overall(wide), z))
    return out, returns


def _board(returns: pd.DataFrame, z: float) -> list:
    """Indicator 9: board and workforce shares by group, and the board's BME gap."""
    board = returns[["board_voting_members", "board_executive_members", "headcount"]]
    board = board.set_axis(["board_voting", "board_executive", "workforce"], axis=1)
    board.insert(2, "board_non_executive", board["board_voting"] - board["board_executive"])
    board = board.stack().rename("x").reset_index().rename(columns={"level_2": "breakdown"})
    board = board.pivot_table(index=["area_code", "breakdown"], columns="group", values="x",
                              aggfunc="sum").reindex(columns=GROUPS, fill_value=0)
    out = [_proportions(board.assign(n=board.sum(axis=1)), 9, "share", GROUPS, z)]
    bme_share = 100 * board["BME"] / board.sum(axis=1)
    workforce = bme_share.xs("workforce", level="breakdown")
    for breakdown in ("board_voting", "board_executive", "board_non_executive"):
        gap = bme_share.xs(breakdown, level="breakdown") - workforce
        gap = gap[np.isfinite(gap)]  # no board members, or no staff: no gap
        out.append(pd.DataFrame({"area_code": gap.index, "value": gap.to_numpy()})
                   .assign(indicator=9, measure="gap_pp", breakdown=breakdown, group="all"))
    return out


def _survey(folder: Path, questions: dict[str, int], z: float) -> list:
    """Indicators 5-8: percentages answering yes by group, and the BME minus White gap."""
    survey = pd.read_csv(folder / "staff_survey.csv", dtype={"organisation_code": str})
    survey = survey[survey["question_code"].isin(questions)]
    survey = survey.assign(indicator=survey["question_code"].map(questions))
    survey = survey.pivot_table(index=["organisation_code", "indicator"],
                                columns="ethnic_group", values=["positive", "respondents"],
                                aggfunc="sum")
    out = []
    for indicator, frame in survey.groupby(level="indicator"):
        frame = frame.droplevel("indicator").rename_axis("area_code")
        for group in ("White", "BME"):
            part = frame["positive"][[group]].assign(n=frame["respondents"][group])
            out.append(_proportions(_overall(part), indicator, "percent", [group], z))
        # BME minus White, with Newcombe's hybrid score interval from the Wilson bounds.
        (p1, l1, u1), (p2, l2, u2) = (
            (b / 100 for b in _wilson(frame["positive"][g], frame["respondents"][g], z))
            for g in ("BME", "White"))
        gap = pd.DataFrame({"value": 100 * (p1 - p2),
                            "ci_lower": 100 * (p1 - p2 - np.hypot(p1 - l1, u2 - p2)),
                            "ci_upper": 100 * (p1 - p2 + np.hypot(u1 - p1, p2 - l2))}).dropna()
        out.append(gap.rename_axis("area_code").reset_index()
                   .assign(indicator=indicator, measure="gap_pp", breakdown="all",
                           group="all"))
    return out


def compute(folder: Path, survey_questions: dict[str, int], z: float) -> pd.DataFrame:
    """Trust-level indicators as rows (area_code, indicator, measure, breakdown, group, value,
    ci_lower, ci_upper)."""
    heads = _workforce(folder)
    out = [_proportions(heads.assign(n=heads.sum(axis=1)), 1, "share", GROUPS, z),
           _proportions(heads.assign(n=heads["White"] + heads["BME"]), 1, "share_of_known",
                        ["White", "BME"], z)]
    likelihoods, returns = _returns(folder, heads, z)
    out += likelihoods + _board(returns, z) + _survey(folder, survey_questions, z)
    return pd.concat(out, ignore_index=True)[KEYS + ["value", "ci_lower", "ci_upper"]]


def compare(baseline: pd.DataFrame, pipeline: pd.DataFrame) -> tuple[int, float]:
    """Rows compared and the largest relative difference of any value or interval bound; the
    baseline must give every trust-level row with a value in the pipeline, and no other."""
    pipeline = pipeline[pipeline["value"].notna()]
    merged = baseline.merge(pipeline, on=KEYS, how="outer", suffixes=("_b", "_p"),
                            indicator=True)
    missing = merged[merged["_merge"] != "both"]
    if len(missing):
        by_measure = missing.groupby(["indicator", "measure", "_merge"]).size()
        raise AssertionError(f"{len(missing)} rows in one only:\n{by_measure}")
    worst = 0.0
    for column in ("value", "ci_lower", "ci_upper"):
        for a, b in zip(merged[f"{column}_b"], merged[f"{column}_p"], strict=True):
            if (a is None or math.isnan(a)) != (b is None or math.isnan(b)):
                raise AssertionError(f"{column}: {a} against the pipeline's {b}")
            if not math.isnan(a):
                worst = max(worst, abs(a - b) / max(abs(b), 1e-12))
    return len(merged), worst
