"""The site's plain words, from hand-made rows: which way a comparison points, when it is
significant, and what is said when a figure is withheld."""

from wres_pipeline.report.figures import HEADLINES, change, number, sentence, significance

BY_INDICATOR = {h.indicator: h for h in HEADLINES}


def row(value, low=None, high=None, **more):
    return {"value": value, "ci_lower": low, "ci_upper": high, **more}


def test_a_likelihood_is_said_as_the_issue_words_it():
    said = sentence(BY_INDICATOR[2], row(1.55, 1.21, 1.98))
    assert said == ("White applicants were 1.55 times as likely as BME applicants to be "
                    "appointed from shortlisting; this is significantly above equality.")
    assert sentence(BY_INDICATOR[2], row(0.70, 0.52, 0.94)).endswith(
        "this is significantly below equality.")
    assert sentence(BY_INDICATOR[3], row(1.10, 0.91, 1.33)).endswith(
        "this is not significantly different from equality.")
    assert sentence(BY_INDICATOR[3], row(0.66, suppressed=True)).endswith(
        "its interval is withheld (small counts), so no significance is stated.")


def test_a_likelihoods_published_flags_stand_where_its_interval_is_withheld():
    # The public edition rounds a small-count likelihood and withholds its interval, but
    # publishes the flags computed from the full data.
    withheld = row(2.78, suppressed=True, significant=True, adverse_significant=True)
    assert significance(BY_INDICATOR[4], withheld) == "adverse"
    assert sentence(BY_INDICATOR[4], withheld).endswith(
        "its interval is withheld (small counts); from the full data, this is significantly "
        "above equality.")
    # No finite ratio (no BME staff accessed training while White staff did): no value, and
    # still significantly adverse.
    infinite = row(None, 1.25, None, significant=True, adverse_significant=True,
                   null_reason="no BME staff accessed training")
    assert sentence(BY_INDICATOR[4], infinite) == (
        "No figure: no BME staff accessed training; significantly adverse to BME staff.")
    # The flags decide over the interval for likelihoods: equal within it is 'none'.
    assert significance(BY_INDICATOR[2], row(1.1, 0.9, 1.3, significant=False,
                                             adverse_significant=False)) == "none"


def test_survey_gaps_are_adverse_on_the_side_worse_for_bme_staff():
    # Indicator 8 (discrimination): BME 23.7 %, White 9.6 %, gap +14.1 pp, interval 7.8-21.1.
    parts = {"BME": row(23.7), "White": row(9.6)}
    said = sentence(BY_INDICATOR[8], row(14.1, 7.8, 21.1), parts)
    assert said.startswith("23.7% of BME staff and 9.6% of White staff personally experienced")
    assert "BME staff 14.1 percentage points higher; this difference is significant and " \
           "adverse to BME staff." in said
    # Indicator 7 (equal opportunities): lower for BME staff is the adverse side.
    assert significance(BY_INDICATOR[7], row(-9.8, -18.1, -1.5)) == "adverse"
    assert significance(BY_INDICATOR[7], row(4.0, 1.0, 7.0)) == "favourable"
    assert significance(BY_INDICATOR[5], row(3.0, -4.3, 10.7)) == "none"


def test_census_figures_are_never_called_significant():
    assert significance(BY_INDICATOR[1], row(33.4, 30.0, 36.0)) is None
    assert significance(BY_INDICATOR[9], row(-26.7, -30.0, -20.0)) is None
    said = sentence(BY_INDICATOR[9], row(-26.7), {"board_voting": row(6.7),
                                                  "workforce": row(33.4)})
    assert said == ("6.7% of the board's voting members are BME, against 33.4% of the "
                    "workforce: 26.7 percentage points below the workforce's share.")


def test_withheld_and_missing_figures_say_why():
    assert sentence(BY_INDICATOR[5], row(None, suppression_reason="fewer than 11 "
                                                                 "respondents")) == \
        "No figure: fewer than 11 respondents."
    assert sentence(BY_INDICATOR[4], None) == "Not published for this organisation this year."
    assert number(None, "x") == "\u2013" and number(1.5, "pp") == "+1.5 pp"
    assert change(BY_INDICATOR[2], 1.31, 1.36) == "-0.05"
    assert change(BY_INDICATOR[5], 2.0, None) == "\u2013"
