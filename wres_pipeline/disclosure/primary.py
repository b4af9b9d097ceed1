"""The primary rules: which counts are too small to publish, each with its reason. Every number
is a setting of config.toml's [publish]; docs/publishing.md gives each rule's source.

- White or BME staff, events or populations from 1 to `disclosure_threshold` at trust level
  (indicator 1's grades and totals, indicators 2-4, indicator 9's workforce side, and the
  single-year disciplinary counts indicator 3's window pools). Unknown counts say nothing of
  anyone's ethnicity, zero is not disclosive, and areas pool many trusts: an area whose count is
  one trust's is protected by the relations, not by a rule of its own.
- A staff survey group of fewer than `survey_minimum_respondents` respondents, at any level:
  its respondents and answers (the NHS Staff Survey's own rule).
- Board members only where `board_published_in_full` is false.
"""

from dataclasses import dataclass

PRIMARY = "a count from 1 to {threshold} of White or BME staff or events in a trust"
SURVEY = "fewer than {minimum} respondents in the group (the NHS Staff Survey's rule)"


@dataclass(frozen=True)
class Rules:
    """The primary rules' settings and the protection width ([publish]), and the confidence
    level of the likelihoods' intervals ([method])."""

    disclosure_threshold: int = 7
    survey_minimum_respondents: int = 11
    board_published_in_full: bool = True
    protection_width: int = 8
    confidence: float = 0.95  # [method]: the intervals whose flags verdicts publish


def primary_cells(values: dict, policy) -> dict:
    """{cell: reason} for every count too small to publish."""
    t, minimum = policy.disclosure_threshold, policy.survey_minimum_respondents
    small = PRIMARY.format(threshold=t)
    survey = SURVEY.format(minimum=minimum)
    found = {}
    for cell, value in values.items():
        _, level, _, ind, breakdown, group, role = cell
        if 5 <= ind <= 8:
            if role == "n" and 1 <= value < minimum:
                found[cell] = survey
                found[(*cell[:6], "x")] = survey
            continue
        if level != "trust" or group not in ("White", "BME") or not 1 <= value <= t:
            continue
        board = ind == 9 and breakdown != "workforce"
        if not board or not policy.board_published_in_full:
            found[cell] = small
    return found
