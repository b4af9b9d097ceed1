"""A likelihood's flags narrow its event counts even where its value is rounded and its interval
withheld: the attacker knows the method's formulas (docs/methodology.md)."""

from wres_pipeline.audit.facts import Likelihood
from wres_pipeline.audit.likelihoods import consistent_pairs, evaluate

Z = 1.959963984540054
SETTINGS = {"z": Z, "low": 0.8, "high": 1.25}


def _fact(**shown) -> Likelihood:
    cell = (2019, "trust", "A", 3, "all")
    return Likelihood((*cell, "BME", "x"), (*cell, "BME", "n"), (*cell, "White", "x"),
                      (*cell, "White", "n"), "test", **shown)


def test_the_formulas_match_a_hand_computed_log_method_interval():
    # (20/100) / (10/200) = 4; SE = sqrt(1/20 - 1/100 + 1/10 - 1/200) = sqrt(0.135)
    got = evaluate([20], 100, [10], 200, Z, 0.8, 1.25)
    assert abs(got["value"][0] - 4.0) < 1e-12
    assert abs(got["ci_lower"][0] - 4.0 * 2.718281828459045 ** (-Z * 0.135 ** 0.5)) < 1e-9
    assert got["adverse_significant"][0] and got["outside_non_adverse_range"][0]


def test_a_significance_flag_rules_out_pairs_the_rounded_value_allows():
    # A ratio of 2.00 with 1,000 in each group: (2k, k) for every k. Only large counts are
    # significant, so "not significant" leaves the small ones and "significant" the large.
    rounded = (1.995, 2.005)
    every = consistent_pairs(_fact(value=rounded, kind="value"), 0, 60, 0, 30, 1000, 1000,
                             SETTINGS)
    quiet = consistent_pairs(_fact(value=rounded, kind="value", flags={"significant": False}),
                             0, 60, 0, 30, 1000, 1000, SETTINGS)
    loud = consistent_pairs(_fact(value=rounded, kind="value", flags={"significant": True}),
                            0, 60, 0, 30, 1000, 1000, SETTINGS)
    assert all(a == 2 * b for a, b in every) and len(every) == 30
    assert quiet and loud and set(quiet) | set(loud) == set(every)
    assert max(b for _, b in quiet) < min(b for _, b in loud)


def test_no_events_in_the_reference_group_says_so():
    pairs = consistent_pairs(_fact(kind="reference_zero"), 0, 5, 0, 5, 50, 50, SETTINGS)
    assert pairs == [(a, 0) for a in range(1, 6)]
