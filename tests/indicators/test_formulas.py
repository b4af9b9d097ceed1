"""Hand-computed examples for every formula of assets/indicators/wres_indicators.sql, run on
small counts tables in DuckDB: likelihoods and their log intervals, Wilson intervals, gaps,
zero and tiny counts, all-unknown trusts."""

import math
from types import SimpleNamespace

import duckdb
import pytest

from wres_pipeline.reference import load_reference_table
from wres_pipeline.sql import create_table

Z = 1.959963984540054
COLUMNS = ("year", "level", "area_code", "area_name", "indicator", "breakdown", "wres_group",
           "events", "population", "detail", "trusts")


def results(rows):
    """indicators.wres_indicators for hand-made trust counts (indicator, breakdown, group, a, n)."""
    with duckdb.connect() as con:
        load_reference_table(con, "indicators")
        con.sql("create schema indicators")
        con.sql("create table indicators.counts (year integer, level varchar, area_code varchar,"
                " area_name varchar, indicator integer, breakdown varchar, wres_group varchar,"
                " events bigint, population bigint, detail varchar, trusts integer)")
        for indicator, breakdown, group, events, population in rows:
            con.execute("insert into indicators.counts values (2024, 'trust', 'RXX', 'T', $1, $2,"
                        " $3, $4, $5, null, 1)", [indicator, breakdown, group, events, population])
        create_table(con, "indicators.wres_indicators", "indicators/wres_indicators.sql",
                     {"z": Z, "low": 0.8, "high": 1.25})
        relation = con.sql("select * from indicators.wres_indicators")
        found = [SimpleNamespace(**dict(zip(relation.columns, row, strict=True)))
                 for row in relation.fetchall()]
    return {(r.indicator, r.measure, r.breakdown, r.group): r for r in found}


def three(indicator, white, bme, unknown, breakdown="all"):
    """Rows for one indicator: (events, population) per group."""
    return [(indicator, breakdown, g, a, n) for g, (a, n) in
            zip(("white", "bme", "unknown"), (white, bme, unknown), strict=True)]


def test_indicator_2_likelihood_and_log_interval():
    # White 30 of 100 appointed, BME 15 of 100: RL = 0.30 / 0.15 = 2.
    # SE = sqrt(1/30 - 1/100 + 1/15 - 1/100) = sqrt(0.08) = 0.2828427
    # interval = 2 * exp(+-1.959964 * 0.2828427) = 2 * exp(+-0.5543722) = 1.1489 .. 3.4817
    r = results(three(2, (30, 100), (15, 100), (1, 10)))
    rl = r[(2, "relative_likelihood", "all", "all")]
    assert rl.value == pytest.approx(2.0, abs=1e-12)
    assert rl.ci_lower == pytest.approx(2 * math.exp(-Z * math.sqrt(0.08)), abs=1e-12)
    assert rl.ci_upper == pytest.approx(2 * math.exp(Z * math.sqrt(0.08)), abs=1e-12)
    assert round(rl.ci_lower, 4) == 1.1489 and round(rl.ci_upper, 4) == 3.4817
    assert rl.significant and rl.adverse_significant and rl.outside_non_adverse_range
    assert r[(2, "rate", "all", "White")].value == pytest.approx(30.0)
    assert r[(2, "rate", "all", "BME")].value == pytest.approx(15.0)
    # Unknowns are left out of the likelihood and reported as a share: 10 of 210 shortlisted.
    assert r[(2, "unknown_share", "all", "Unknown")].value == pytest.approx(100 * 10 / 210)


def test_indicator_3_puts_bme_on_top():
    # BME 6 of 200 (3 %), White 10 of 1000 (1 %): RL3 = 3, adverse to BME staff.
    r = results(three(3, (10, 1000), (6, 200), (0, 50)))
    rl = r[(3, "relative_likelihood", "all", "all")]
    se = math.sqrt(1 / 6 - 1 / 200 + 1 / 10 - 1 / 1000)
    assert rl.value == pytest.approx(3.0, abs=1e-12)
    assert rl.ci_lower == pytest.approx(3 * math.exp(-Z * se), abs=1e-12)
    assert rl.adverse_significant


def test_indicator_4_within_range_is_not_flagged():
    # White 110 of 200 (55 %), BME 50 of 100 (50 %): RL4 = 1.1, inside 0.80-1.25.
    r = results(three(4, (110, 200), (50, 100), (0, 0)))
    rl = r[(4, "relative_likelihood", "all", "all")]
    assert rl.value == pytest.approx(1.1, abs=1e-12)
    assert not rl.outside_non_adverse_range and not rl.significant


def wilson_bounds(x, n):
    """Wilson score bounds of x of n, as fractions (written out again here, not imported)."""
    p = x / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return centre - half, centre + half


@pytest.mark.parametrize(("white", "bme", "reason"), [
    ((0, 100), (0, 100), "no White or BME appointed from shortlisting: the relative "
                         "likelihood is undefined"),
    ((30, 100), (0, 0), "no BME shortlisted applicants"),
    ((0, 0), (5, 10), "no White shortlisted applicants"),
])
def test_undefined_likelihoods_are_null_with_a_reason_never_infinity(white, bme, reason):
    r = results(three(2, white, bme, (0, 0)))
    rl = r[(2, "relative_likelihood", "all", "all")]
    assert rl.value is None and rl.ci_lower is None and rl.ci_upper is None
    assert rl.null_reason == reason
    assert rl.significant is None and rl.outside_non_adverse_range is None


def test_a_likelihood_of_zero_is_a_value_with_an_upper_bound():
    # Indicator 2, no White applicant of 100 appointed, BME 15 of 100: RL = 0, a real result
    # (favourable to BME applicants). MOVER-R (Wilson): lower 0; upper = u1 / sqrt(l2 (2 p2 -
    # l2)) with u1 the Wilson upper bound of 0/100 (0.037 = 3.7 %) and l2 the lower of 15/100.
    r = results(three(2, (0, 100), (15, 100), (0, 0)))
    rl = r[(2, "relative_likelihood", "all", "all")]
    _, u1 = wilson_bounds(0, 100)
    l2, _ = wilson_bounds(15, 100)
    assert round(u1, 4) == 0.037 and round(l2, 4) == 0.0931
    assert rl.value == 0.0 and rl.null_reason is None
    assert rl.ci_lower == pytest.approx(0.0, abs=1e-12)
    assert rl.ci_upper == pytest.approx(u1 / math.sqrt(l2 * (0.3 - l2)), rel=1e-12)
    assert round(rl.ci_upper, 4) == 0.2666
    assert rl.significant and not rl.adverse_significant and rl.outside_non_adverse_range


def test_a_zero_reference_rate_is_adverse_with_a_lower_bound():
    # Indicator 2, White 30 of 100 appointed, no BME applicant of 100: BME applicants were
    # never appointed; no finite ratio, adverse. Lower bound sqrt(l1 (2 p1 - l1)) / u2.
    r = results(three(2, (30, 100), (0, 100), (0, 0)))
    rl = r[(2, "relative_likelihood", "all", "all")]
    l1, _ = wilson_bounds(30, 100)
    _, u2 = wilson_bounds(0, 100)
    assert rl.value is None and rl.ci_upper is None
    assert rl.null_reason == ("no BME appointed from shortlisting (but some White): adverse, "
                              "with no finite relative likelihood")
    assert rl.ci_lower == pytest.approx(math.sqrt(l1 * (0.6 - l1)) / u2, rel=1e-12)
    assert round(rl.ci_lower, 3) == 7.808
    assert rl.adverse_significant and rl.significant and rl.outside_non_adverse_range


def test_both_groups_at_100_percent_keep_a_proper_interval():
    # 10 of 10 in both groups: RL = 1. The log method's SE is 0 here (zero width); MOVER-R
    # gives [l1, 1 / l2], with l = 10 / (10 + z^2) = 0.7225 the Wilson lower bound of 10/10.
    r = results(three(2, (10, 10), (10, 10), (0, 0)))
    rl = r[(2, "relative_likelihood", "all", "all")]
    low = 10 / (10 + Z * Z)
    assert wilson_bounds(10, 10)[0] == pytest.approx(low, rel=1e-12)
    assert rl.value == 1.0
    assert rl.ci_lower == pytest.approx(low, rel=1e-12)
    assert rl.ci_upper == pytest.approx(1 / low, rel=1e-12)
    assert round(rl.ci_lower, 4) == 0.7225 and round(rl.ci_upper, 4) == 1.3841
    assert not rl.significant and not rl.outside_non_adverse_range


def test_tiny_counts_still_compute():
    # One of two appointed in each group: RL = 1, SE = sqrt(1 - 1/2 + 1 - 1/2) = 1.
    r = results(three(2, (1, 2), (1, 2), (0, 0)))
    rl = r[(2, "relative_likelihood", "all", "all")]
    assert rl.value == 1.0
    assert rl.ci_lower == pytest.approx(math.exp(-Z)) and rl.ci_upper == pytest.approx(
        math.exp(Z))


def test_wilson_interval_of_a_survey_percentage_and_the_gap():
    # 5 of 10: Wilson 95 % interval 23.659 .. 76.341 (centre 50).
    r = results(three(7, (5, 10), (3, 12), (0, 0))[:2])
    white = r[(7, "percent", "all", "White")]
    assert white.value == pytest.approx(50.0)
    assert white.ci_lower == pytest.approx(23.6593, abs=1e-4)
    assert white.ci_upper == pytest.approx(76.3407, abs=1e-4)
    bme = r[(7, "percent", "all", "BME")]
    p, n = 3 / 12, 12
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    assert bme.ci_lower == pytest.approx(100 * (centre - half), abs=1e-9)
    gap = r[(7, "gap_pp", "all", "all")]
    assert gap.value == pytest.approx(25.0 - 50.0)
    # Newcombe's hybrid score interval for BME (3/12) minus White (5/10), from the Wilson bounds:
    # lower = d - sqrt((p1 - l1)^2 + (u2 - p2)^2), upper = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
    (l1, u1), (l2, u2) = wilson_bounds(3, 12), wilson_bounds(5, 10)
    assert gap.ci_lower == pytest.approx(100 * (-0.25 - math.hypot(0.25 - l1, u2 - 0.5)))
    assert gap.ci_upper == pytest.approx(100 * (-0.25 + math.hypot(u1 - 0.25, 0.5 - l2)))
    assert round(gap.ci_lower, 2) == -55.87 and round(gap.ci_upper, 2) == 13.61


def test_survey_gap_interval_reproduces_newcombes_published_example():
    # Newcombe (1998), Stat Med 17:873-890, example (a): 56/70 minus 48/80, method 10 (hybrid
    # score) gives 0.0524 to 0.3339.
    rows = [(5, "all", "bme", 56, 70), (5, "all", "white", 48, 80)]
    gap = results(rows)[(5, "gap_pp", "all", "all")]
    assert round(gap.ci_lower / 100, 4) == 0.0524 and round(gap.ci_upper / 100, 4) == 0.3339


def test_indicator_1_shares_of_all_and_of_known():
    # 60 White, 30 BME, 10 Unknown in band 5.
    r = results(three(1, (60, 100), (30, 100), (10, 100), breakdown="clinical:band_5"))
    assert r[(1, "share", "clinical:band_5", "BME")].value == pytest.approx(30.0)
    assert r[(1, "share", "clinical:band_5", "Unknown")].value == pytest.approx(10.0)
    known = r[(1, "share_of_known", "clinical:band_5", "BME")]
    assert known.value == pytest.approx(100 * 30 / 90)
    assert known.denominator == 90
    # A census of the band's staff: no sampling interval.
    assert known.ci_lower is None and known.ci_upper is None


def test_all_unknown_trust_has_no_known_shares_and_no_likelihoods():
    rows = three(1, (0, 40), (0, 40), (40, 40)) + three(4, (0, 0), (0, 0), (12, 40))
    r = results(rows)
    assert r[(1, "share", "all", "Unknown")].value == pytest.approx(100.0)
    assert r[(1, "share_of_known", "all", "BME")].null_reason == "no staff of known ethnicity"
    assert r[(4, "relative_likelihood", "all", "all")].null_reason == "no White staff"
    assert r[(4, "unknown_share", "all", "Unknown")].value == pytest.approx(100.0)


def test_indicator_9_gaps_against_the_workforce():
    # Board: 2 BME of 12 voting members (16.67 %); workforce 250 BME of 1000 (25 %).
    rows = [(9, "board_voting", "white", 10, 12), (9, "board_voting", "bme", 2, 12),
            (9, "board_voting", "unknown", 0, 12), (9, "board_executive", "white", 6, 6),
            (9, "board_executive", "bme", 0, 6), (9, "board_executive", "unknown", 0, 6),
            (9, "workforce", "white", 700, 1000), (9, "workforce", "bme", 250, 1000),
            (9, "workforce", "unknown", 50, 1000)]
    r = results(rows)
    assert r[(9, "gap_pp", "board_voting", "all")].value == pytest.approx(100 * 2 / 12 - 25)
    assert r[(9, "gap_pp", "board_executive", "all")].value == pytest.approx(-25.0)
    assert r[(9, "share", "board_voting", "BME")].value == pytest.approx(100 * 2 / 12)
    assert r[(9, "share", "board_voting", "BME")].ci_lower is None


def test_indicator_9_non_executive_members():
    # 12 voting members of whom 6 executive: 6 non-executive, 2 of them BME (33.3 %); the
    # workforce is 25 % BME, so the non-executive gap is +8.3 pp.
    rows = [(9, "board_non_executive", "white", 4, 6), (9, "board_non_executive", "bme", 2, 6),
            (9, "board_non_executive", "unknown", 0, 6), (9, "workforce", "white", 700, 1000),
            (9, "workforce", "bme", 250, 1000), (9, "workforce", "unknown", 50, 1000)]
    r = results(rows)
    gap = r[(9, "gap_pp", "board_non_executive", "all")]
    assert gap.value == pytest.approx(100 * 2 / 6 - 25)
