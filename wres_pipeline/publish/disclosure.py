"""Statistical disclosure control for the public edition: which units are withheld, and why.

The policy follows what the publishers themselves do (docs/publishing.md gives each rule's
source); every number in it is a setting in config.toml's [publish]:
- Board membership is published in full: board members are named public office holders and
  trusts publish their own board figures (`board_published_in_full`).
- A staff survey result is withheld for a group of fewer than 11 respondents, at any level: the
  NHS Staff Survey's own rule (`survey_minimum_respondents`).
- Staff and HR-event counts from 1 to the threshold (`disclosure_threshold`, 7) are withheld at
  trust level where they would reveal people: White or BME staff in a band or grade (indicator
  1), and White or BME events or populations of indicators 2-4. Unknown cells never withhold a
  unit (they say nothing of anyone's ethnicity); zero is not disclosive.
- Aggregates (ICB, region, trust type, England) pool the full data and are published as they
  are, except where an area would give a withheld count back: an area pooling one trust whose
  unit is withheld, or (complementary suppression) a parent showing a unit with exactly one
  child withheld, where the smallest other child is withheld too. Repeated until stable.
Counts are protected in *units*: the rows describing the same people in one area (an indicator's
breakdown; for indicator 1 a grade's clinical, non-clinical and combined rows, one being nearly
the others' sum; the staff headcount, which indicators 3 and 4 and the indicator 9 workforce
rest on; a survey group).
"""

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

PRIMARY = "a count from 1 to {threshold} in this breakdown"
SURVEY = "fewer than {minimum} respondents in the group (the NHS Staff Survey's rule)"
COMPLEMENT = "withheld so that a withheld count cannot be recovered by subtraction"
SINGLE = "pools a single trust or area whose counts are withheld"
DEPENDENT = "built on a withheld headcount"
HEADCOUNT = "headcount"
BOARD = "board"
ENGLAND = ("england", "E92000001")


@dataclass(frozen=True)
class Policy:
    """The public edition's disclosure settings (config.toml's [publish])."""

    disclosure_threshold: int
    survey_minimum_respondents: int
    board_published_in_full: bool
    withheld_likelihood_decimals: int

    @classmethod
    def of(cls, settings: dict) -> "Policy":
        return cls(**{k: settings[k] for k in cls.__dataclass_fields__})


def unit_of(indicator: int, breakdown: str, group: str) -> str | None:
    """The unit a row's counts belong to (None: a gap, judged from its groups' units)."""
    if indicator == 1:
        grade = breakdown.partition(":")[2] or "all"
        return HEADCOUNT if grade == "all" else f"grade:{grade}"
    if indicator <= 4:
        return f"{indicator}:{breakdown}"
    if indicator <= 8:
        return None if group == "all" else f"{indicator}:{breakdown}:{group}"
    if breakdown == "workforce":
        return HEADCOUNT
    return BOARD if group == "all" else f"9:{breakdown}"


def _small(value, low: int, high: int) -> bool:
    return value is not None and not pd.isna(value) and low <= value <= high


def is_sensitive(row, policy: Policy) -> str | None:
    """Why a row's own counts are too small to publish (None when they are not)."""
    t = policy.disclosure_threshold
    single = row.level == "trust" or row.trusts == 1
    if 5 <= row.indicator <= 8 and row.measure == "percent":
        if _small(row.denominator, 1, policy.survey_minimum_respondents - 1):
            return SURVEY.format(minimum=policy.survey_minimum_respondents)
        return None
    if not single or row.group not in ("White", "BME"):
        return None
    # An area pooling one trust is that trust: its small counts are the trust's.
    why = PRIMARY.format(threshold=t) if row.level == "trust" else SINGLE
    if row.indicator == 1 and row.measure == "share":
        return why if _small(row.numerator, 1, t) else None
    if 2 <= row.indicator <= 4 and row.measure == "rate":
        return why if _small(row.numerator, 1, t) or _small(row.denominator, 1, t) else None
    if row.indicator == 9 and row.measure == "share" and row.breakdown != "workforce" \
            and not policy.board_published_in_full:
        return why if _small(row.numerator, 1, t) else None
    return None


def _child_sets(organisations: pd.DataFrame) -> dict[tuple, list[list[tuple]]]:
    """For each area, the sets of children whose counts add up to it."""
    sets = defaultdict(lambda: defaultdict(list))
    for row in organisations.itertuples():
        trust = ("trust", row.organisation_code)
        for parent in (("icb", row.icb_code), ("region", row.region_code),
                       ("trust_type", row.trust_type)):
            sets[parent]["trusts"].append(trust)
    icbs = organisations[["icb_code", "region_code"]].drop_duplicates()
    for row in icbs.itertuples():
        sets[("region", row.region_code)]["icbs"].append(("icb", row.icb_code))
    for region in sorted(organisations["region_code"].dropna().unique()):
        sets[ENGLAND]["regions"].append(("region", region))
    for kind in sorted(organisations["trust_type"].dropna().unique()):
        sets[ENGLAND]["types"].append(("trust_type", kind))
    return {parent: list(by.values()) for parent, by in sets.items()}


def withheld_units(indicators: pd.DataFrame, organisations: pd.DataFrame,
                   policy: Policy) -> dict[tuple, str]:
    """{(year, level, area_code, unit): reason} for every unit the public edition withholds."""
    units = {}  # key -> size (largest denominator), for choosing the complement
    reasons = {}
    for row in indicators.itertuples():
        unit = unit_of(row.indicator, row.breakdown, row.group)
        if unit is None or (unit == BOARD and policy.board_published_in_full):
            continue
        key = (row.year, row.level, row.area_code, unit)
        size = 0 if pd.isna(row.denominator) else int(row.denominator)
        units[key] = max(units.get(key, 0), size)
        why = is_sensitive(row, policy)
        if why and key not in reasons:
            reasons[key] = why
    sets = _child_sets(organisations)
    changed = True
    while changed:
        changed = False
        for year, level, area, _ in [k for k in reasons if k[3] == HEADCOUNT]:
            for other in ("3:all", "4:all"):
                key = (year, level, area, other)
                if key in units and key not in reasons:
                    reasons[key] = DEPENDENT
                    changed = True
        # Sorted, so the same data always withholds the same complements.
        for year, unit in sorted({(k[0], k[3]) for k in units}):
            for parent, child_sets in sorted(sets.items()):
                if (year, *parent, unit) not in units or (year, *parent, unit) in reasons:
                    continue
                for children in child_sets:
                    present = [c for c in children if (year, *c, unit) in units]
                    hidden = [c for c in present if (year, *c, unit) in reasons]
                    if len(hidden) != 1:
                        continue
                    if len(present) == 1:
                        reasons[(year, *parent, unit)] = SINGLE
                    else:
                        smallest = min((units[(year, *c, unit)], c) for c in present
                                       if c not in hidden)[1]
                        reasons[(year, *smallest, unit)] = COMPLEMENT
                    changed = True
                    break
    return reasons
