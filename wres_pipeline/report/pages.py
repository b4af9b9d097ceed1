"""What each page of the site says: the figures of a trust, ICB, region or trust type, set
beside the levels above it, its peers and its own past, with what was withheld and why. The
templates only lay these out; every figure here is a published value, read as published."""

from wres_pipeline.report import charts
from wres_pipeline.report.figures import HEADLINES, Headline, change, number, sentence, significance
from wres_pipeline.report.site_data import SiteData

LEVEL_NAMES = {"england": "England", "region": "NHS England region",
               "icb": "Integrated care board", "trust_type": "Trust type", "trust": "Trust"}
SENIOR_BANDS = ("band_8a", "band_8b", "band_8c", "band_8d", "band_9", "vsm")
# The bands whose shortfalls add up to a total without counting anyone twice: the pooled
# senior bands count each person once (a person in two of 8c-VSM is one person).
TOTAL_BANDS = ("band_8a", "band_8b", "band_8c_to_vsm")


def href(level: str, code: str) -> str:
    """The page of an organisation, relative to the site's root."""
    return "national.html" if level == "england" else f"{level}/{code}.html"


def _key(h: Headline) -> tuple:
    return (h.indicator, h.measure, h.breakdown, h.group)


def _parts(data: SiteData, level: str, code: str, h: Headline, year: int | None = None):
    def get(measure, breakdown, group):
        return data.figure(level, code, (h.indicator, measure, breakdown, group), year)
    if h.indicator == 1:
        return {g: get("share", "all", g) for g in ("White", "Unknown")}
    if h.indicator == 9:
        return {"board_voting": get("share", "board_voting", "BME"),
                "workforce": get("share", "workforce", "BME")}
    measure = "rate" if h.unit == "x" else "percent"
    return {g: get(measure, "all", g) for g in ("White", "BME")}


def _interval(h: Headline, row: dict | None) -> str:
    if row is None or row.get("value") is None:
        return ""
    if h.indicator in (1, 9):
        return "a count of everyone: no sampling interval"
    if row.get("ci_lower") is None:
        return "interval withheld" if row.get("suppressed") else "no interval"
    return f"95% interval {number(row['ci_lower'], h.unit)} to {number(row['ci_upper'], h.unit)}"


def flag(h: Headline, row: dict | None) -> str | None:
    """'significantly adverse' where the interval lies on the side adverse to BME staff."""
    return "significantly adverse" if row and significance(h, row) == "adverse" else None


class Peers:
    """Each headline's trust values of the year, by trust type, to place a trust among its
    peers (1 = the most adverse to BME staff; indicator 1: the highest BME share)."""

    def __init__(self, data: SiteData):
        self.values = {}
        for trust in data.trusts:
            for h in HEADLINES:
                row = data.figure("trust", trust["organisation_code"], _key(h))
                if row and row.get("value") is not None:
                    self.values.setdefault((h.indicator, trust["trust_type"]), []).append(
                        row["value"])

    def place(self, h: Headline, trust_type: str, type_name: str, value) -> str:
        values = self.values.get((h.indicator, trust_type), [])
        if value is None or not values:
            return "not ranked (no published figure)"
        direction = h.adverse or 1
        ahead = sum(1 for v in values if v * direction > value * direction)
        order = "highest BME share" if h.adverse == 0 else "most adverse to BME staff"
        return (f"{ahead + 1} of {len(values)} {type_name.lower()} trusts with a published "
                f"figure (1 = {order})")


def _withheld(data: SiteData, level: str, code: str, indicator: int) -> list[str]:
    """What of the indicator the public edition withholds, by reason: how many figures, and
    which (the first three)."""
    said = {}
    for row in data.rows.get((level, code), []):
        if row["indicator"] == indicator and row["suppressed"]:
            what = " ".join(p for p in (row["measure"], row["breakdown"], row["group"])
                            if p != "all")
            said.setdefault(row["suppression_reason"] or "withheld", []).append(what)
    out = []
    for reason, whats in sorted(said.items()):
        named = ", ".join(whats[:3]) + (", ..." if len(whats) > 3 else "")
        out.append(f"{len(whats)} figure{'s' if len(whats) > 1 else ''} ({named}): {reason}")
    return out


def indicator_sections(data: SiteData, level: str, code: str, above: list[tuple],
                       peers: Peers | None = None, trust: dict | None = None) -> list[dict]:
    """Each indicator's figure, sentence, interval, the levels above, the peers, the changes
    over one and five years, a trend chart and what was withheld."""
    sections = []
    for h in HEADLINES:
        row = data.figure(level, code, _key(h))
        value = row.get("value") if row else None
        series = {data.names[(level, code)] if level != "trust" else "This trust":
                  [(y, (data.figure(level, code, _key(h), y) or {}).get("value"))
                   for y in data.years]}
        if level != "england":
            series["England"] = [(y, (data.figure("england", "E92000001", _key(h), y) or {})
                                  .get("value")) for y in data.years]
        compared = []
        for lvl, other, name in above:
            other_row = data.figure(lvl, other, _key(h))
            compared.append({"level": LEVEL_NAMES[lvl], "name": name, "href": href(lvl, other),
                             "value": number(other_row.get("value") if other_row else None,
                                             h.unit),
                             "interval": _interval(h, other_row), "flag": flag(h, other_row)})
        before = [(years, (data.figure(level, code, _key(h), data.year - years) or {})
                   .get("value")) for years in (1, 5)]
        sections.append({
            "headline": h, "value": number(value, h.unit), "interval": _interval(h, row),
            "sentence": sentence(h, row, _parts(data, level, code, h)), "flag": flag(h, row),
            "compared": compared,
            "peers": (peers.place(h, trust["trust_type"], data.names[("trust_type",
                      trust["trust_type"])], value) if peers and trust else None),
            "changes": [{"years": years, "since": data.year - years,
                         "before": number(b, h.unit), "change": change(h, value, b)}
                        for years, b in before],
            "chart": charts.line_chart(f"Ind. {h.indicator}: {h.title}, by year", series,
                                       {"x": "ratio", "pp": "percentage points"}.get(h.unit,
                                                                                     "%"),
                                       digits=2 if h.unit == "x" else 1, small=True),
            "withheld": _withheld(data, level, code, h.indicator),
        })
    return sections


def _sum_known(values: list) -> int | None:
    """The sum of the values there are; None when there is none (no target anywhere)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def model_employer(data: SiteData, level: str, code: str) -> dict:
    """Each senior band's BME staff, this year's point on the trajectory and the goal, and how
    many more people each asks for; the total over bands counts each person once."""
    rows = {r["band"]: r for r in data.model_employer.get((level, code), [])}
    bands = [rows[b] for b in (*SENIOR_BANDS, "band_8c_to_vsm") if b in rows]
    adding = [rows[b] for b in TOTAL_BANDS if b in rows]
    target_year = next((r["target_year"] for r in bands if r["target_year"]), None)
    total = None
    if adding and not any(r["suppressed"] for r in adding):
        total = {key: _sum_known([r[field] for r in adding]) for key, field in
                 (("now", "more_needed_now"), ("goal", "more_needed_by_target_year"))}
    return {"bands": bands, "target_year": target_year, "total": total, "trust": level == "trust",
            "withheld_total": bool(bands) and total is None}


def quality_notes(trust: dict, unknown_warning: float, headcount_tolerance: float) -> list[str]:
    """The trust's data-quality facts as notes, with the thresholds the reconciliation warns
    at (config.toml [validation])."""
    notes = []
    if trust["quality_suppressed"]:
        return [f"Data-quality figures withheld: {trust['quality_suppression_reason']}."]
    if trust["unknown_share"] is not None:
        share = trust["unknown_share"]
        notes.append(f"{share:.1f}% of staff have unknown ethnicity in ESR"
                     + (f", above the {unknown_warning:.0%} the reconciliation warns at."
                        if share > 100 * unknown_warning else "."))
    if not trust["has_return"]:
        notes.append("No WRES return was received: indicators 2-4 and 9 have no figures.")
    elif trust["declared_difference"] is not None:
        difference = trust["declared_difference"]
        notes.append(f"The return declares {trust['declared_headcount']:,.0f} staff; ESR "
                     f"counts {trust['esr_headcount']:,} ({difference:+.1f}%)"
                     + (f": outside the {headcount_tolerance:.0%} tolerance (a reconciliation "
                        "warning)." if abs(difference) > 100 * headcount_tolerance else "."))
    if not trust["in_survey"]:
        notes.append("No NHS Staff Survey results: indicators 5-8 have no figures.")
    return notes
