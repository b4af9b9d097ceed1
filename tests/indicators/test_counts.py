"""Hand-made examples for the counting rules: people not assignments, scope, the indicator 3
window, and the Model Employer trajectory."""

import duckdb
import pyarrow as pa
import pytest

from wres_pipeline.core.workforce import build_workforce
from wres_pipeline.reference import table
from wres_pipeline.sql import create_table, run_statement

# person, ethnic category, clinical, pay grade, assignment category
ESR = [
    ("P1", "A", True, "Band 5", "Permanent"),
    ("P1", "A", True, "Band 5", "Fixed Term Temp"),   # second post in the same band: once
    ("P2", "N", True, "Band 5", "Permanent"),
    ("P2", "N", True, "Band 6", "Permanent"),         # two bands: once in each, once in total
    ("P3", "C3", False, "Band 8a", "Permanent"),
    ("P3", "C3", True, "Band 8a", "Permanent"),       # clinical and non-clinical in band 8a
    ("P4", "Z", False, "Band 2", "Permanent"),
    ("P5", "H", True, "Consultant", "Permanent"),
    ("P6", "S", False, "Band 3", "Honorary"),         # out of scope: not counted at all
    ("P7", None, False, "Very Senior Manager", "Permanent"),
]


def _workforce(con, rows=ESR, code="RXX"):
    con.sql("create schema if not exists validated")
    con.register("esr", pa.table({
        "organisation_code": [code] * len(rows), "person_id": [r[0] for r in rows],
        "ethnic_category": [r[1] for r in rows], "clinical": [r[2] for r in rows],
        "pay_grade": [r[3] for r in rows], "assignment_category": [r[4] for r in rows]}))
    con.sql("create or replace table validated.esr_staff_in_post as select * from esr")
    counts = build_workforce(con)
    con.sql("create schema if not exists indicators")
    create_table(con, "indicators.workforce_counts", "indicators/workforce_counts.sql",
                 {"year": 2024, "pool_name": "band_8c_to_vsm",
                  "pool_grades": ["band_8c", "band_8d", "band_9", "vsm"]})
    return counts


def _count(con, breakdown, group):
    return con.execute("select events, population from indicators.workforce_counts "
                       "where breakdown = $1 and wres_group = $2", [breakdown, group]).fetchall()


def test_people_count_once_in_total_and_once_in_each_post():
    with duckdb.connect() as con:
        _workforce(con)
        assert _count(con, "all", "white") == [(2, 6)]        # P1, P3 of six people in scope
        assert _count(con, "all", "bme") == [(2, 6)]          # P2, P5
        assert _count(con, "all", "unknown") == [(2, 6)]      # P4 (Z) and P7 (blank)
        assert _count(con, "clinical:band_5", "white") == [(1, 2)]  # P1 once, with P2
        assert _count(con, "clinical:band_6", "bme") == [(1, 1)]
        assert _count(con, "clinical:all", "bme") == [(2, 4)]       # P2 once, P5; of P1-3, P5
        assert _count(con, "non_clinical:band_8a", "white") == [(1, 1)]
        assert _count(con, "clinical:band_8a", "white") == [(1, 1)]
        assert _count(con, "all:band_8a", "white") == [(1, 1)]      # P3 once across both
        assert _count(con, "clinical:medical_consultant", "bme") == [(1, 1)]
        assert _count(con, "non_clinical:vsm", "unknown") == [(1, 1)]
        assert _count(con, "non_clinical:band_3", "bme") == []      # honorary only: out


def test_pooled_senior_bands_count_each_person_once():
    # Q1 holds posts in bands 8c and 9 (once in the pool); Q2 is VSM; Q3 band 8a (not pooled).
    rows = [("Q1", "H", False, "Band 8c", "Permanent"),
            ("Q1", "H", True, "Band 9", "Permanent"),
            ("Q2", "A", False, "Very Senior Manager", "Permanent"),
            ("Q3", "A", False, "Band 8a", "Permanent")]
    with duckdb.connect() as con:
        _workforce(con, rows)
        assert _count(con, "all:band_8c_to_vsm", "bme") == [(1, 2)]
        assert _count(con, "all:band_8c_to_vsm", "white") == [(1, 2)]
        assert _count(con, "all:band_8c", "bme") == [(1, 1)]
        assert _count(con, "all:band_9", "bme") == [(1, 1)]


def test_people_are_counted_by_the_set_of_posts_they_hold():
    with duckdb.connect() as con:
        counts = _workforce(con)
        assert counts == {"assignments": 9, "people": 6, "bme": 2, "unknown": 2, "rows": 6}
        people = dict(con.sql("select person_id, posts from core.people").fetchall())
        assert people == {
            "P1": "clinical:band_5 clinical:band_5", "P2": "clinical:band_5 clinical:band_6",
            "P3": "clinical:band_8a non_clinical:band_8a", "P4": "non_clinical:band_2",
            "P5": "clinical:medical_consultant", "P7": "non_clinical:vsm"}
        assert con.sql("select sum(people) from core.people_by_posts").fetchall() == [(6,)]
        assert "person_id" not in con.sql("select * from core.people_by_posts").columns


def test_grade_names_can_be_joined_into_a_set_of_posts():
    # core.people joins a person's posts with spaces, each named <flag>:<grade>; workforce
    # counts split them on both: a grade name holding either would be counted wrongly.
    grades = {row["wres_grade"] for row in table("pay_grades")}
    assert grades and all(":" not in grade and " " not in grade for grade in grades)


def _successors(con, merged: dict[str, str]):
    """organisations.successor_map ({predecessor: today's trust}) and the rule that reads it."""
    con.sql("create schema if not exists organisations")
    con.sql("create or replace table organisations.successor_map "
            "(organisation_code varchar, current_code varchar)")
    for pair in merged.items():
        con.execute("insert into organisations.successor_map values (?, ?)", list(pair))
    run_statement(con, "organisations/current_code.sql")


def _return_counts(con, this_year, prior, window, merged=None):
    _successors(con, merged or {})
    con.sql("create schema if not exists indicators")
    con.sql("create schema if not exists validated")
    columns = ("year", "organisation_code", "wres_group", "entered", "headcount")
    con.register("this", pa.table(dict(zip(columns, zip(*this_year, strict=True), strict=True))))
    con.sql("create or replace table indicators.disciplinary_inputs as select * from this")
    con.register("prior_disciplinary", pa.table(
        dict(zip(columns, zip(*prior, strict=True), strict=True))) if prior else pa.table(
        {c: pa.array([], t) for c, t in zip(columns, (pa.int32(), pa.string(), pa.string(),
                                                      pa.int64(), pa.int64()), strict=True)}))
    con.sql("create or replace table validated.trust_return as select 'RXX' as "
            "organisation_code, 'White' as ethnic_group, 10 as shortlisted_applicants, "
            "5 as appointed_from_shortlisting, 3 as accessed_non_mandatory_training, "
            "8 as board_voting_members, 4 as board_executive_members limit 0")
    create_table(con, "indicators.return_counts", "indicators/return_counts.sql",
                 {"year": 2024, "window": window})
    return {(org, group): (events, population, detail) for org, group, events, population, detail
            in con.sql("select organisation_code, wres_group, events, population, detail from "
                       "indicators.return_counts where indicator = 3").fetchall()}


THIS = [(2024, "RXX", "white", 8, 900), (2024, "RXX", "bme", 6, 300),
        (2024, "RXX", "unknown", 0, 40), (2024, "RYY", "white", 1, 100),
        (2024, "RYY", "bme", 1, 50), (2024, "RYY", "unknown", 0, 5)]
PRIOR = [(2023, "RXX", "white", 12, 880), (2023, "RXX", "bme", 4, 280),
         (2023, "RXX", "unknown", 1, 45), (2023, "RZZ", "white", 9, 400),
         (2023, "RZZ", "bme", 2, 90), (2023, "RZZ", "unknown", 0, 3)]


def test_two_year_window_pools_events_and_headcounts():
    with duckdb.connect() as con:
        got = _return_counts(con, THIS, PRIOR, window=2)
    assert got[("RXX", "white")] == (20, 1780, "window_years=2")
    assert got[("RXX", "bme")] == (10, 580, "window_years=2")
    # RYY has no prior year: its window is the year alone, and says so.
    assert got[("RYY", "bme")] == (1, 50, "window_years=1")
    # RZZ sent nothing this year: last year's counts alone never make an indicator.
    assert ("RZZ", "bme") not in got


def test_a_merged_trusts_prior_year_pools_into_todays_trust():
    # RZZ was taken over by RYY: its prior year counts are RYY's now, beside RYY's own none.
    with duckdb.connect() as con:
        got = _return_counts(con, THIS, PRIOR, window=2, merged={"RZZ": "RYY"})
    assert got[("RYY", "white")] == (1 + 9, 100 + 400, "window_years=2")
    assert got[("RYY", "bme")] == (1 + 2, 50 + 90, "window_years=2")
    assert got[("RXX", "white")] == (20, 1780, "window_years=2")  # unmerged: itself


def test_one_year_window_ignores_the_prior_year():
    with duckdb.connect() as con:
        got = _return_counts(con, THIS, PRIOR, window=1)
    assert got[("RXX", "white")] == (8, 900, "window_years=1")


def _model_employer(year, baseline_overall=(20, 100), goal="fixed", baseline_8a=(1, 10),
                    published=True):
    """Model Employer rows for two trusts of one ICB. This year RXX has 100 staff, 30 BME;
    band 8a 20 staff, 3 BME. RYY has 50 staff, 10 BME; band 8a 10 staff, 1 BME. In the baseline
    year RXX's band 8a had baseline_8a (BME, staff) and its whole staff baseline_overall; RYY's
    band 8a had 1 BME of 10 and its whole staff 10 of 50."""
    def rows(code, breakdown, bme, staff):
        return [(code, breakdown, "bme", bme, staff), (code, breakdown, "white", staff - bme,
                                                        staff)]
    current = rows("RXX", "all", 30, 100) + rows("RXX", "all:band_8a", 3, 20) + \
        rows("RYY", "all", 10, 50) + rows("RYY", "all:band_8a", 1, 10)
    baseline = rows("RXX", "all", *baseline_overall) + rows("RXX", "all:band_8a", *baseline_8a) \
        + rows("RYY", "all", 10, 50) + rows("RYY", "all:band_8a", 1, 10)
    columns = "(organisation_code, breakdown, wres_group, events, population)"
    published_columns = "(area_code, breakdown, wres_group, events, population)"
    with duckdb.connect() as con:
        con.sql("create schema indicators")
        _successors(con, {})
        con.execute(f"create table indicators.workforce_counts as select * from "
                    f"(values {', '.join(['(?, ?, ?, ?, ?)'] * len(current))}) as t{columns}",
                    [v for r in current for v in r])
        # What the baseline year published (read in later years only).
        con.execute(f"create table baseline_published as select 'trust' as level, "
                    f"1 as indicator, * from (values "
                    f"{', '.join(['(?, ?, ?, ?, ?)'] * len(baseline))}) as t{published_columns} "
                    f"where ?", [v for r in baseline for v in r] + [published])
        con.sql("create table organisations.trusts_in_year as select * from (values "
                "('RXX', 'Trust X', 'Q1', 'ICB one', 'Y56', 'London', 'acute'), "
                "('RYY', 'Trust Y', 'Q1', 'ICB one', 'Y56', 'London', 'acute')) as t("
                "organisation_code, organisation_name, icb_code, icb_name, region_code, "
                "region_name, trust_type)")
        create_table(con, "indicators.model_employer", "indicators/model_employer.sql",
                     {"year": year, "baseline_year": 2018, "target_year": 2028,
                      "bands": ["band_8a", "band_9"], "baseline_published": published,
                      "goal": goal})
        relation = con.sql("select * from indicators.model_employer where band = 'band_8a'")
        return {(r[1], r[2]): dict(zip(relation.columns, r, strict=True))
                for r in relation.fetchall()}


@pytest.mark.parametrize(("year", "target_share", "reason"), [
    (2017, None, "before the baseline year"),
    (2018, 15.0, None),                     # in the baseline year its own share: 3 of 20
    (2023, 10.0 + (30.0 - 10.0) * 5 / 10, None),  # from what 2018 published: 1 of 10
    (2028, 30.0, None),
    (2030, 30.0, None),                     # after the target year: the goal share
])
def test_model_employer_trajectory_is_linear(year, target_share, reason):
    row = _model_employer(year)[("trust", "RXX")]
    if target_share is None:
        assert (row["target_share"], row["target_headcount"], row["more_needed_now"],
                row["null_reason"]) == (None, None, None, reason)
        return
    assert row["target_share"] == pytest.approx(target_share)
    needed = -(-target_share * 20 // 100)  # ceiling of target share x 20 staff
    assert row["target_headcount"] == needed and row["gap_people"] == needed - 3
    assert row["more_needed_now"] == max(needed - 3, 0) and row["null_reason"] is None
    # By 2028 the band needs 30 % of 20 staff = 6 BME staff: 3 more.
    assert row["goal_share"] == pytest.approx(30.0) and row["more_needed_by_target_year"] == 3
    assert row["on_trajectory"] == (needed <= 3)


def test_model_employer_goal_fixed_at_the_baseline_unless_the_workforce_has_overtaken_it():
    # Baseline overall 40 % (above this year's 30 %): the fixed goal stays 40 %; moving: 30 %.
    assert _model_employer(2023, baseline_overall=(40, 100))[("trust", "RXX")][
        "goal_share"] == pytest.approx(40.0)
    assert _model_employer(2023, baseline_overall=(40, 100), goal="moving")[
        ("trust", "RXX")]["goal_share"] == pytest.approx(30.0)
    # Baseline overall 20 %, now 30 %: the fixed goal is raised to 30 %, never below today's.
    assert _model_employer(2023)[("trust", "RXX")]["goal_share"] == pytest.approx(30.0)


def test_model_employer_never_asks_a_band_to_fall_back():
    # Band 8a was 50 % BME at the baseline, above the 30 % goal: the goal is the band's own
    # baseline, so the trajectory is flat at 50 %: 10 of 20 staff, 7 more than the 3 now.
    row = _model_employer(2023, baseline_8a=(5, 10))[("trust", "RXX")]
    assert row["goal_share"] == pytest.approx(50.0)
    assert row["target_share"] == pytest.approx(50.0)
    assert row["target_headcount"] == 10 and row["more_needed_now"] == 7


def test_model_employer_areas_sum_their_trusts_in_people():
    # 2023. RXX: target 20 % of 20 = 4, has 3: 1 more. RYY: baseline 10 %, goal 20 % (10 of 50
    # overall), target 15 % of 10 = 1.5 -> 2, has 1: 1 more; by 2028 20 % of 10 = 2: 1 more.
    rows = _model_employer(2023)
    ryy = rows[("trust", "RYY")]
    assert ryy["target_headcount"] == 2 and ryy["more_needed_now"] == 1
    for level, area in (("icb", "Q1"), ("region", "Y56"), ("trust_type", "acute"),
                        ("england", "E92000001")):
        row = rows[(level, area)]
        assert (row["headcount"], row["bme_headcount"], row["target_headcount"]) == (30, 4, 6)
        assert (row["more_needed_now"], row["more_needed_by_target_year"]) == (2, 4)
        assert (row["trusts"], row["trusts_with_target"], row["trusts_on_trajectory"]) == (2, 2, 0)
        assert row["target_share"] is None  # each trust keeps its own target


def test_model_employer_without_a_published_baseline_says_so():
    row = _model_employer(2023, published=False)[("trust", "RXX")]
    assert row["target_share"] is None
    assert row["null_reason"] == "the baseline year has not been published"
