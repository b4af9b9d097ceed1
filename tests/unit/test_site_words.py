"""The site's plain words and placings, from hand-made rows: which way a comparison points, when
it is significant, what is said when a figure is withheld, a trust's place among its peers, the
Model Employer total in people and the data-quality notes."""

from wres_pipeline.report.figures import HEADLINES, change, number, sentence, significance
from wres_pipeline.report.site_data import SiteData

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


def _data(values_by_trust: dict[str, float | None], indicator: int = 2) -> SiteData:
    h = BY_INDICATOR[indicator]
    key = (h.indicator, h.measure, h.breakdown, h.group)
    figures = {("trust", code): {2024: {key: {"value": v}}} for code, v in
               values_by_trust.items()}
    trusts = [{"organisation_code": code, "trust_type": "acute"} for code in values_by_trust]
    return SiteData(year=2024, snapshot_id="x", years=[2024], snapshots={2024: "x"},
                    names={("trust_type", "acute"): "Acute"}, figures=figures, trusts=trusts,
                    model_employer={}, rows={})


def test_a_trust_is_placed_among_its_peers_from_the_most_adverse():
    from wres_pipeline.report.pages import Peers

    data = _data({"A": 1.9, "B": 1.2, "C": 0.8, "D": None})
    peers = Peers(data)
    # Likelihoods: higher is more adverse; D has no figure and is not counted.
    assert peers.place(BY_INDICATOR[2], "acute", "Acute", 1.2) == (
        "2 of 3 acute trusts with a published figure (1 = most adverse to BME staff)")
    assert peers.place(BY_INDICATOR[2], "acute", "Acute", None).startswith("not ranked")
    # Indicator 7: lower (BME staff believing less in equal opportunities) is more adverse.
    data7 = _data({"A": -12.0, "B": 3.0, "C": -1.0}, indicator=7)
    assert Peers(data7).place(BY_INDICATOR[7], "acute", "Acute", -1.0).startswith("2 of 3")
    assert Peers(data7).place(BY_INDICATOR[7], "acute", "Acute", -12.0).startswith("1 of 3")


def test_model_employer_totals_count_each_person_once_and_never_over_a_withheld_band():
    from wres_pipeline.report.pages import model_employer

    def band(name, now, goal, suppressed=False):
        return {"band": name, "more_needed_now": now, "more_needed_by_target_year": goal,
                "suppressed": suppressed, "target_year": 2028}
    data = _data({"A": 1.0})
    bands = [band("band_8a", 3, 9), band("band_8b", 2, 4), band("band_8c", 1, 2),
             band("vsm", 1, 1), band("band_8c_to_vsm", 2, 3)]
    data.model_employer[("trust", "A")] = bands
    total = model_employer(data, "trust", "A")["total"]
    # 8a + 8b + the pooled 8c-VSM (not 8c and VSM again): 3 + 2 + 2 now, 9 + 4 + 3 by 2028.
    assert total == {"now": 7, "goal": 16}
    data.model_employer[("trust", "A")] = [*bands[:1], band("band_8b", None, None, True),
                                           *bands[2:]]
    withheld = model_employer(data, "trust", "A")
    assert withheld["total"] is None and withheld["withheld_total"]


def test_data_quality_notes_use_the_reconciliations_thresholds():
    from wres_pipeline.report.pages import quality_notes

    trust = {"quality_suppressed": False, "unknown_share": 12.5, "has_return": True,
             "declared_difference": -6.0, "declared_headcount": 940.0, "esr_headcount": 1000,
             "in_survey": False}
    notes = quality_notes(trust, 0.10, 0.05)
    assert notes[0] == ("12.5% of staff have unknown ethnicity in ESR, above the 10% the "
                        "reconciliation warns at.")
    assert notes[1] == ("The return declares 940 staff; ESR counts 1,000 (-6.0%): outside the "
                        "5% tolerance (a reconciliation warning).")
    assert notes[2].startswith("No NHS Staff Survey results")
    assert quality_notes(trust | {"unknown_share": 4.0, "declared_difference": 1.0,
                                  "in_survey": True}, 0.10, 0.05) == [
        "4.0% of staff have unknown ethnicity in ESR.",
        "The return declares 940 staff; ESR counts 1,000 (+1.0%)."]
