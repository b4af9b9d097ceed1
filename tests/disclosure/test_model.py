"""The disclosure model on hand-made tables: the primary rules, the secondary suppression's
proofs (each perturbation keeps every relation), and figures withheld with the counts they
rest on."""

import math

import pyarrow as pa

from tests.audit.tables import protected, row, shares
from wres_pipeline.disclosure import edition, model, primary, suppression

POLICY = primary.Rules(disclosure_threshold=7, survey_minimum_respondents=11,
                       board_published_in_full=True, protection_width=8)
# Trusts A, B and C lie in ICB Q1 and region R1 (A and B acute, C mental health).
ORGANISATIONS = pa.table({"organisation_code": ["A", "B", "C"], "icb_code": ["Q1"] * 3,
                          "region_code": ["R1"] * 3,
                          "trust_type": ["acute", "acute", "mental_health"]})
STAFF = {"A": (40, 3, 2), "B": (50, 20, 5), "C": (30, 12, 4)}


def _cell(area, group, breakdown="all", indicator=1, role="x", level="trust"):
    return (2019, level, area, indicator, breakdown, group, role)


def test_the_primary_rules_pick_small_white_and_bme_counts_of_trusts():
    values = {_cell("A", "BME"): 3.0, _cell("A", "White"): 0.0, _cell("A", "Unknown"): 2.0,
              _cell("Q1", "BME", level="icb"): 5.0, _cell("A", "White", indicator=3): 7.0,
              _cell("A", "BME", indicator=3, role="n"): 8.0,
              _cell("A", "BME", "board_voting", indicator=9): 2.0,
              _cell("Q1", "BME", indicator=5, role="n", level="icb"): 10.0,
              _cell("Q1", "BME", indicator=5, level="icb"): 4.0}
    found = primary.primary_cells(values, POLICY)
    assert set(found) == {_cell("A", "BME"), _cell("A", "White", indicator=3),
                          _cell("Q1", "BME", indicator=5, role="n", level="icb"),
                          _cell("Q1", "BME", indicator=5, level="icb")}
    strict = primary.Rules(7, 11, False, 8)
    assert _cell("A", "BME", "board_voting", indicator=9) in primary.primary_cells(values,
                                                                                    strict)


def _staff_tables():
    rows = [r for t, (w, b, u) in STAFF.items()
            for r in shares(2019, "trust", t, "all", {"White": w, "BME": b, "Unknown": u})]
    total = {g: sum(STAFF[t][i] for t in STAFF) for i, g in enumerate(("White", "BME",
                                                                      "Unknown"))}
    for level, area in (("icb", "Q1"), ("region", "R1"), ("england", "E92000001")):
        rows += shares(2019, level, area, "all", total)
    acute = {g: STAFF["A"][i] + STAFF["B"][i] for i, g in enumerate(("White", "BME",
                                                                     "Unknown"))}
    rows += shares(2019, "trust_type", "acute", "all", acute)
    rows += shares(2019, "trust_type", "mental_health", "all",
                   dict(zip(("White", "BME", "Unknown"), STAFF["C"], strict=True)))
    return rows


def test_each_withheld_count_is_proven_able_to_move_the_width():
    rows = [{k: v for k, v in r.items() if k != "suppressed"} for r in _staff_tables()]
    tables = {"indicators": pa.Table.from_pylist(rows), "organisations": ORGANISATIONS,
              "model_employer": pa.table({"year": [], "level": [], "area_code": [], "band": [],
                                          "headcount": [], "bme_headcount": []}),
              "data_quality_trusts": pa.table({"year": [], "organisation_code": [],
                                               "esr_headcount": [], "esr_unknown": []})}
    built = model.build(2019, tables, {}, [])
    found = suppression.protect(built, primary.primary_cells(built.values, POLICY), 8)
    assert _cell("A", "BME") in found.withheld and not found.short
    # Every perturbation keeps every relation and every count at least zero ...
    for moved in found.solutions:
        for terms, lo, hi in built.rows:
            before = sum(v * built.values.get(c, 0.0) for c, v in terms.items())
            after = before + sum(v * moved.get(c, 0.0) for c, v in terms.items())
            if lo == hi:
                assert math.isclose(after, before, abs_tol=1e-6)
            else:
                assert lo - 1e-6 <= after or lo > before
                assert after <= hi + 1e-6 or hi < before
        assert all(built.values[c] + y >= -1e-6 for c, y in moved.items())
        # ... and moves only withheld counts.
        assert set(c for c, y in moved.items() if abs(y) > 1e-6) <= set(found.withheld)
    # A's BME count is seen 8 apart: an attacker cannot tell 3 from 0 or from 8.
    cell = _cell("A", "BME")
    spread = (found.solutions[found.up[cell]][cell] - found.solutions[found.down[cell]][cell])
    assert spread >= 8
    # The areas' counts stay published: the trusts offset one another.
    assert all(c[1] == "trust" for c in found.withheld)


def test_a_figure_resting_on_a_withheld_count_is_withheld_with_it():
    rate = row(2019, "trust", "A", 3, "rate", "all", "BME", 2, 30, 100 * 2 / 30,
               ci_lower=1.0, ci_upper=20.0)
    ratio = row(2019, "trust", "A", 3, "relative_likelihood", "all", "all", value=1.5,
                ci_lower=0.4, ci_upper=5.0, significant=False)
    table = pa.Table.from_pylist([{k: v for k, v in r.items() if k != "suppressed"}
                                  for r in (rate, ratio)])
    withheld = {_cell("A", "BME", indicator=3): "a count from 1 to 7",
                _cell("A", "White", indicator=3, role="n"): suppression.SECONDARY}
    public = edition.public_indicators(table, withheld).to_pylist()
    assert public[0]["numerator"] is None and public[0]["denominator"] == 30
    assert public[0]["value"] is None and public[0]["ci_lower"] is None
    assert public[1]["value"] is None and public[1]["significant"] is None
    # The primary rule's reason comes before a secondary suppression's.
    assert public[1]["suppression_reason"] == "a count from 1 to 7"


def test_a_survey_group_under_eleven_respondents_is_withheld_and_protected():
    rows = []
    for t, (respondents, yes) in {"A": (10, 4), "B": (40, 12), "C": (35, 20)}.items():
        rows += [row(2019, "trust", t, 5, "percent", "all", "BME", yes, respondents,
                     100 * yes / respondents)]
    rows += [row(2019, level, area, 5, "percent", "all", "BME", 36, 85, 100 * 36 / 85)
             for level, area in (("icb", "Q1"), ("region", "R1"), ("england", "E92000001"))]
    public = protected(2019, rows)["indicators"]
    a = next(r for r in public if r["area_code"] == "A")
    assert a["suppressed"] and a["numerator"] is None and a["denominator"] is None
    assert "11 respondents" in a["suppression_reason"]
    # Another trust goes with it, or the ICB would give A back.
    assert any(r["suppressed"] for r in public if r["area_code"] in ("B", "C"))


def test_a_baseline_share_is_withheld_where_the_baseline_year_withheld_its_counts():
    columns = ("headcount", "bme_headcount", "bme_share", "baseline_share", "overall_share",
               "goal_share", "target_share", "target_headcount", "gap_people",
               "more_needed_now", "more_needed_by_target_year", "on_trajectory",
               "trusts_on_trajectory")
    values = (40, 12, 30.0, 25.0, 28.0, 28.0, 26.0, 11, -1, 0, 0, True, 1)
    table = pa.Table.from_pylist([{"year": 2019, "level": "trust", "area_code": "A",
                                   "band": "band_8a", **dict(zip(columns, values,
                                                                 strict=True))}])
    earlier = {(2018, "trust", "A", 1, "all:band_8a", "BME", "x")}
    row = edition.public_model_employer(table, {}, ORGANISATIONS, 2018, earlier).to_pylist()[0]
    # This year's counts and shares stay; the baseline and all that rests on it go.
    assert (row["headcount"], row["bme_headcount"], row["overall_share"]) == (40, 12, 28.0)
    for column in ("baseline_share", "goal_share", "target_share", "gap_people",
                   "on_trajectory"):
        assert row[column] is None, column
    assert row["suppressed"] and "public edition of its year" in row["suppression_reason"]
