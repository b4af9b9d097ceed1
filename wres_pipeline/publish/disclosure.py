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
  are, except where one would give a withheld count back: complementary suppression. Wherever
  a shown cell is the sum of others (an area of its trusts or ICBs; a trust's staff, or its
  clinical and non-clinical staff, of its grades; the pooled senior bands of their bands) and
  exactly one of those is withheld, the smallest other goes too; if it is the only one, the sum
  goes with it. Repeated until stable, in a fixed order.
Counts are protected in *units*: the rows describing the same people in one area (an
indicator's breakdown; for indicator 1 a grade's clinical, non-clinical and combined rows; the
staff headcount, which indicators 3 and 4 and the indicator 9 workforce rest on; the clinical
and non-clinical totals; a survey group).
"""

from collections import defaultdict, namedtuple
from dataclasses import dataclass

import pyarrow as pa

PRIMARY = "a count from 1 to {threshold} in this breakdown"
SURVEY = "fewer than {minimum} respondents in the group (the NHS Staff Survey's rule)"
COMPLEMENT = "withheld so that a withheld count cannot be recovered by subtraction"
SINGLE = "pools a single trust, area or band whose counts are withheld"
DEPENDENT = "built on a withheld headcount"
HEADCOUNT = "headcount"
FLAGS = "clinical and non-clinical totals"
BOARD = "board"
ENGLAND = ("england", "E92000001")
COLUMNS = ["year", "level", "area_code", "indicator", "measure", "breakdown", "group",
           "numerator", "denominator", "trusts"]
Row = namedtuple("Row", COLUMNS)


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


def rows_of(table, columns=COLUMNS) -> list:
    """A table's rows as named tuples of plain values (fast to walk)."""
    shape = Row if columns is COLUMNS else namedtuple("Row", columns)
    return list(map(shape._make, zip(*(_values(table.column(c)) for c in columns),
                                     strict=True)))


def _values(column) -> list:
    # Arrow turns a dictionary column into Python values one scalar at a time: decoded first,
    # the published indicators' five text columns took 0.03 s instead of 1.2.
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    return column.to_pylist()


def unit_of(indicator: int, breakdown: str, group: str) -> str | None:
    """The unit a row's counts belong to (None: a gap, judged from its groups' units)."""
    if indicator == 1:
        if breakdown == "all":
            return HEADCOUNT
        grade = breakdown.partition(":")[2]
        return FLAGS if grade == "all" else f"grade:{grade}"
    if indicator <= 4:
        return f"{indicator}:{breakdown}"
    if indicator <= 8:
        return None if group == "all" else f"{indicator}:{breakdown}:{group}"
    if breakdown == "workforce":
        return HEADCOUNT
    return BOARD if group == "all" else f"9:{breakdown}"


def _small(value, low: int, high: int) -> bool:
    return value is not None and low <= value <= high


def is_sensitive(row, policy: Policy) -> str | None:
    """Why a row's own counts are too small to publish (None when they are not)."""
    t = policy.disclosure_threshold
    if 5 <= row.indicator <= 8 and row.measure == "percent":
        if _small(row.denominator, 1, policy.survey_minimum_respondents - 1):
            return SURVEY.format(minimum=policy.survey_minimum_respondents)
        return None
    if not (row.level == "trust" or row.trusts == 1) or row.group not in ("White", "BME"):
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


def _area_sets(organisations) -> dict[tuple, list[list[tuple]]]:
    """For each area, the sets of areas (trusts, ICBs, regions, types) that add up to it."""
    sets = defaultdict(lambda: defaultdict(list))
    regions, types = set(), set()
    for row in rows_of(organisations, ["organisation_code", "icb_code", "region_code",
                                       "trust_type"]):
        trust = ("trust", row.organisation_code)
        for parent in (("icb", row.icb_code), ("region", row.region_code),
                       ("trust_type", row.trust_type)):
            sets[parent]["trusts"].append(trust)
        if ("icb", row.icb_code) not in sets[("region", row.region_code)]["icbs"]:
            sets[("region", row.region_code)]["icbs"].append(("icb", row.icb_code))
        regions.add(row.region_code)
        types.add(row.trust_type)
    sets[ENGLAND]["regions"] = [("region", r) for r in sorted(x for x in regions if x)]
    sets[ENGLAND]["types"] = [("trust_type", t) for t in sorted(x for x in types if x)]
    return {parent: list(by.values()) for parent, by in sets.items()}


def _sum_sets(units: dict, organisations, pools: dict[str, list[str]]) -> list[tuple]:
    """Every (parent node, child nodes) where the parent's counts are the children's sum;
    a node is (year, level, area_code, unit)."""
    areas = _area_sets(organisations)
    found = []
    for year, unit in sorted({(k[0], k[3]) for k in units}):
        for parent, child_sets in sorted(areas.items()):
            found += [((year, *parent, unit), [(year, *c, unit) for c in children])
                      for children in child_sets]
    grades = defaultdict(set)
    for year, level, area, unit in units:
        if unit.startswith("grade:"):
            grades[(year, level, area)].add(unit)
    pooled = {f"grade:{name}" for name in pools}
    for (year, level, area), held in sorted(grades.items()):
        single = sorted(held - pooled)
        for total in (HEADCOUNT, FLAGS):
            found.append(((year, level, area, total), [(year, level, area, g) for g in single]))
        for name, bands in sorted(pools.items()):
            found.append(((year, level, area, f"grade:{name}"),
                          [(year, level, area, f"grade:{b}") for b in bands]))
    return found


def withheld_units(indicators, organisations, policy: Policy,
                   pools: dict[str, list[str]] | None = None) -> dict[tuple, str]:
    """{(year, level, area_code, unit): reason} for every unit the public edition withholds
    (`pools`: each pooled senior band and the bands it sums)."""
    units = {}  # node -> size (largest denominator), for choosing the complement
    reasons = {}
    for row in rows_of(indicators):
        unit = unit_of(row.indicator, row.breakdown, row.group)
        if unit is None or (unit == BOARD and policy.board_published_in_full):
            continue
        key = (row.year, row.level, row.area_code, unit)
        units[key] = max(units.get(key, 0), row.denominator or 0)
        why = is_sensitive(row, policy)
        if why and key not in reasons:
            reasons[key] = why
    sums = [(parent, [c for c in children if c in units]) for parent, children in
            _sum_sets(units, organisations, pools or {}) if parent in units]
    changed = True
    while changed:
        changed = False
        for year, level, area, _ in [k for k in reasons if k[3] == HEADCOUNT]:
            for other in ("3:all", "4:all"):
                key = (year, level, area, other)
                if key in units and key not in reasons:
                    reasons[key] = DEPENDENT
                    changed = True
        for parent, present in sums:
            if parent in reasons:
                continue
            hidden = [c for c in present if c in reasons]
            if len(hidden) != 1:
                continue
            shown = [c for c in present if c not in reasons]
            if shown:
                reasons[min(shown, key=lambda c: (units[c], c))] = COMPLEMENT
            else:
                reasons[parent] = SINGLE
            changed = True
    return reasons
