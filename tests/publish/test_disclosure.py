"""The disclosure policy on hand-made tables: which units are withheld and why."""

import pyarrow as pa

from wres_pipeline.publish import disclosure, withholding

POLICY = disclosure.Policy(disclosure_threshold=7, survey_minimum_respondents=11,
                           board_published_in_full=True, withheld_likelihood_decimals=2)
# Trusts A and B share ICB Q1; C is alone in ICB Q2; all in region Y56, type acute.
ORGANISATIONS = pa.table({
    "organisation_code": ["A", "B", "C"], "icb_code": ["Q1", "Q1", "Q2"],
    "region_code": ["Y56"] * 3, "trust_type": ["acute"] * 3})
AREAS = {"A": ["Q1"], "B": ["Q1"], "C": ["Q2"]}


def _row(level, area, indicator, measure, breakdown, group, numerator, denominator, trusts=1):
    return {"year": 2024, "level": level, "area_code": area, "indicator": indicator,
            "measure": measure, "breakdown": breakdown, "group": group, "numerator": numerator,
            "denominator": denominator, "trusts": trusts,
            "value": None if not denominator else 100 * numerator / denominator,
            "ci_lower": None, "ci_upper": None, "significant": None,
            "adverse_significant": None, "outside_non_adverse_range": None}


def _cells(indicator, measure, breakdown, counts: dict, groups=("White", "BME", "Unknown")):
    """Trust rows from {trust: (white, bme, unknown)} and their pooled ICB, region, England."""
    rows = []
    for trust, values in counts.items():
        total = sum(values)
        for group, value in zip(groups, values, strict=False):
            rows.append(_row("trust", trust, indicator, measure, breakdown, group, value,
                             total))
    for level, area, members in (("icb", "Q1", ["A", "B"]), ("icb", "Q2", ["C"]),
                                 ("region", "Y56", ["A", "B", "C"]),
                                 ("trust_type", "acute", ["A", "B", "C"]),
                                 ("england", "E92000001", ["A", "B", "C"])):
        present = [m for m in members if m in counts]
        sums = [sum(counts[m][i] for m in present) for i in range(3)]
        for group, value in zip(groups, sums, strict=False):
            rows.append(_row(level, area, indicator, measure, breakdown, group, value,
                             sum(sums), trusts=len(present)))
    return rows


def _table(rows):
    return pa.Table.from_pylist(rows)


def _withheld(rows, pools=None):
    return disclosure.withheld_units(_table(rows), ORGANISATIONS, POLICY, pools)


def test_a_small_band_is_withheld_with_its_complement():
    # Band 9: A has 3 BME staff, withheld. Within ICB Q1 (A and B) and the region (A, B, C),
    # one withheld trust would be recovered by subtraction, so the smallest other, B, goes too:
    # then two are withheld in each. C, Q2, the region and England stay published.
    rows = _cells(1, "share", "all:band_9", {"A": (40, 3, 0), "B": (50, 20, 2),
                                             "C": (60, 30, 1)})
    withheld = _withheld(rows)
    unit = "grade:band_9"
    assert withheld == {(2024, "trust", "A", unit): "a count from 1 to 7 in this breakdown",
                        (2024, "trust", "B", unit): disclosure.COMPLEMENT}


def test_an_area_pooling_one_withheld_trust_goes_with_it():
    # C, alone in ICB Q2, has 3 BME staff: Q2 is C, so it is withheld; the region is Q1 + Q2,
    # so Q1 goes too (else region minus Q1 gives C); the region is also A + B + C, so the
    # smaller of A and B goes too (A: 70 staff). The region and England stay published, and
    # region minus B gives only A + C together.
    rows = _cells(1, "share", "all:band_9", {"A": (40, 30, 0), "B": (50, 20, 2),
                                             "C": (60, 3, 1)})
    withheld = _withheld(rows)
    unit = "grade:band_9"
    assert withheld[(2024, "trust", "C", unit)] == "a count from 1 to 7 in this breakdown"
    assert withheld[(2024, "icb", "Q2", unit)] == disclosure.SINGLE
    assert withheld[(2024, "icb", "Q1", unit)] == disclosure.COMPLEMENT
    assert withheld[(2024, "trust", "A", unit)] == disclosure.COMPLEMENT
    assert (2024, "region", "Y56", unit) not in withheld
    assert (2024, "england", "E92000001", unit) not in withheld


def test_unknown_cells_alone_never_withhold_a_unit():
    rows = _cells(1, "share", "all:band_9", {"A": (40, 12, 3), "B": (50, 20, 2),
                                             "C": (60, 30, 1)})
    assert _withheld(rows) == {}


def _survey(respondents: dict):
    """Indicator 5 rows from {area: (White respondents, BME respondents)}; half answer yes."""
    rows = []
    for area, (white, bme) in respondents.items():
        level = "trust" if area in "ABC" else "icb" if area.startswith("Q") else "region"
        for group, n in (("White", white), ("BME", bme)):
            rows.append(_row(level, area, 5, "percent", "all", group, n // 2, n,
                             trusts=1 if level == "trust" else 2))
    return rows


def test_survey_groups_under_11_respondents_are_withheld_at_every_level():
    # BME respondents: A 10 (withheld: the survey's rule), B 11 (published on its own), C 4;
    # ICB Q1 pools A and B (21), Q2 is C (4, withheld by the same rule at its own level).
    rows = _survey({"A": (100, 10), "B": (100, 11), "C": (90, 4), "Q1": (200, 21),
                    "Q2": (90, 4), "Y56": (290, 25)})
    withheld = _withheld(rows)
    assert withheld[(2024, "trust", "A", "5:all:BME")].startswith("fewer than 11 respondents")
    assert withheld[(2024, "icb", "Q2", "5:all:BME")].startswith("fewer than 11 respondents")
    assert withheld[(2024, "trust", "B", "5:all:BME")] == disclosure.COMPLEMENT
    assert (2024, "trust", "A", "5:all:White") not in withheld
    assert (2024, "region", "Y56", "5:all:BME") not in withheld
    # The gap needs both groups: withheld with the BME group.
    gap = _table([_row("trust", "A", 5, "gap_pp", "all", "all", 1, 2) | {"value": -3.0}])
    public = withholding.public_indicators(gap, withheld, POLICY).to_pylist()[0]
    assert public["suppressed"] and public["value"] is None


def test_board_counts_are_never_withheld():
    rows = _cells(9, "share", "board_voting", {"A": (11, 1, 0), "B": (9, 3, 0),
                                               "C": (12, 2, 0)})
    assert _withheld(rows) == {}
    strict = disclosure.Policy(7, 11, False, 2)
    assert disclosure.withheld_units(_table(rows), ORGANISATIONS, strict)


def test_a_withheld_likelihood_is_rounded_and_loses_its_interval():
    rows = _cells(3, "rate", "all", {"A": (12, 3, 0), "B": (40, 20, 0), "C": (50, 30, 0)})
    likelihood = _row("trust", "A", 3, "relative_likelihood", "all", "all", None, None)
    likelihood |= {"value": 1.23456, "ci_lower": 0.4, "ci_upper": 3.9, "significant": False,
                   "adverse_significant": False, "outside_non_adverse_range": False}
    withheld = _withheld(rows)
    public = withholding.public_indicators(_table([likelihood]), withheld, POLICY)
    row = public.to_pylist()[0]
    assert row["value"] == 1.23 and row["ci_lower"] is None and row["ci_upper"] is None
    assert row["outside_non_adverse_range"] is False and row["suppressed"]
    assert "rounded" in row["suppression_reason"]


def _trust_grades(counts: dict, breakdown_of=lambda g: f"all:{g}"):
    """Trust A's indicator 1 rows from {grade: (white, bme, unknown)} and its total."""
    rows = []
    for grade, values in counts.items():
        for group, value in zip(("White", "BME", "Unknown"), values, strict=True):
            rows.append(_row("trust", "A", 1, "share", breakdown_of(grade), group, value,
                             sum(values)))
    return rows


def test_a_withheld_grade_takes_another_grade_of_the_trust_with_it():
    # The trust's staff are the sum of its grades: with band 9 (3 BME staff) withheld and
    # every other grade shown, the total minus the others would give band 9 back; the
    # smallest other grade (band 8d) goes too. The total stays published.
    grades = {"band_5": (300, 120, 5), "band_8d": (30, 10, 1), "band_9": (20, 3, 0)}
    rows = _trust_grades(grades) + _trust_grades(
        {"all": tuple(sum(v[i] for v in grades.values()) for i in range(3))},
        breakdown_of=lambda _: "all")
    withheld = _withheld(rows)
    assert withheld == {(2024, "trust", "A", "grade:band_9"): disclosure.PRIMARY.format(
        threshold=7), (2024, "trust", "A", "grade:band_8d"): disclosure.COMPLEMENT}


def test_the_pooled_senior_bands_never_give_a_withheld_band_back():
    # 8c-VSM pooled is the sum of 8c, 8d, 9 and VSM: with VSM withheld (2 BME), the pool minus
    # the others would give it back, so the smallest other band goes too.
    grades = {"band_8c": (40, 12, 1), "band_8d": (30, 9, 0), "band_9": (20, 8, 0),
              "vsm": (10, 2, 0), "band_8c_to_vsm": (100, 31, 1)}
    pools = {"band_8c_to_vsm": ["band_8c", "band_8d", "band_9", "vsm"]}
    withheld = _withheld(_trust_grades(grades), pools)
    assert withheld[(2024, "trust", "A", "grade:vsm")] == disclosure.PRIMARY.format(threshold=7)
    assert withheld[(2024, "trust", "A", "grade:band_9")] == disclosure.COMPLEMENT
    assert (2024, "trust", "A", "grade:band_8c_to_vsm") not in withheld
