"""The nine indicators as a reader meets them: which published row is each indicator's headline
figure, which way is adverse to BME staff, and the comparison in plain words.

Orientation follows docs/methodology.md: relative likelihoods (2-4) are oriented so that above 1
is adverse to BME staff; survey gaps (5-8) are BME minus White in percentage points, adverse when
BME staff fare worse (more harassment or discrimination, less belief in equal opportunities);
the board gap (9) is the voting board's BME share minus the workforce's, adverse below 0.
Census figures (1, 9) have no sampling interval, so nothing is called significant there.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Headline:
    indicator: int
    title: str
    measure: str  # the published row that is the headline figure
    breakdown: str
    group: str
    unit: str  # "%", "x" (a ratio) or "pp" (percentage points)
    adverse: int  # +1: higher is adverse to BME staff; -1: lower is; 0: neither
    words: str  # what the figure compares, for the sentence


HEADLINES = [
    Headline(1, "BME share of the workforce", "share", "all", "BME", "%", 0,
             "of staff are BME"),
    Headline(2, "Appointment from shortlisting", "relative_likelihood", "all", "all", "x", 1,
             "White applicants were {v} times as likely as BME applicants to be appointed "
             "from shortlisting"),
    Headline(3, "Entry into a formal disciplinary process", "relative_likelihood", "all",
             "all", "x", 1, "BME staff were {v} times as likely as White staff to enter the "
             "formal disciplinary process"),
    Headline(4, "Access to non-mandatory training", "relative_likelihood", "all", "all", "x",
             1, "White staff were {v} times as likely as BME staff to access non-mandatory "
                "training and continuing professional development"),
    Headline(5, "Harassment, bullying or abuse from patients or the public", "gap_pp", "all",
             "all", "pp", 1, "experienced harassment, bullying or abuse from patients, "
                             "relatives or the public in the last 12 months"),
    Headline(6, "Harassment, bullying or abuse from staff", "gap_pp", "all", "all", "pp", 1,
             "experienced harassment, bullying or abuse from staff in the last 12 months"),
    Headline(7, "Belief in equal opportunities for career progression", "gap_pp", "all",
             "all", "pp", -1, "believe the organisation provides equal opportunities for "
                              "career progression or promotion"),
    Headline(8, "Discrimination from a manager or colleague", "gap_pp", "all", "all", "pp", 1,
             "personally experienced discrimination at work from a manager, team leader or "
             "other colleagues in the last 12 months"),
    Headline(9, "BME share of the board's voting members against the workforce", "gap_pp",
             "board_voting", "all", "pp", -1, "of the board's voting members are BME"),
]
KEYS = {(h.indicator, h.measure, h.breakdown, h.group) for h in HEADLINES}


def number(value, unit: str) -> str:
    """A published value as the pages print it (an en dash where there is none)."""
    if value is None:
        return "\u2013"
    if unit == "x":
        return f"{value:.2f}"
    if unit == "pp":
        return f"{value:+.1f} pp"
    if unit == "people":
        return f"{value:,}"
    return f"{value:.1f}%"


def significance(headline: Headline, row: dict) -> str | None:
    """'adverse', 'favourable' or 'none' where the interval decides; None where nothing does
    (census figures, or no interval and no published flag).

    Likelihoods carry the published flags (`significant`, `adverse_significant`), computed
    from the full data, so they stand even where the public edition withholds the interval
    or the value has no finite ratio; survey gaps are read from their interval."""
    if headline.adverse == 0 or headline.indicator == 9:
        return None
    if headline.unit == "x" and row.get("significant") is not None:
        if row.get("adverse_significant"):
            return "adverse"
        return "favourable" if row["significant"] else "none"
    low, high = row.get("ci_lower"), row.get("ci_upper")
    if low is None or high is None:
        return None
    equal = 1.0 if headline.unit == "x" else 0.0
    if low > equal:
        return "adverse" if headline.adverse > 0 else "favourable"
    if high < equal:
        return "favourable" if headline.adverse > 0 else "adverse"
    return "none"


def _likelihood_verdict(verdict: str | None, row: dict) -> str:
    withheld = row.get("ci_lower") is None and bool(row.get("suppressed"))
    if verdict is None:
        return ("its interval is withheld (small counts), so no significance is stated"
                if withheld else "it has no interval")
    said = {"none": "this is not significantly different from equality",
            "adverse": "this is significantly above equality",
            "favourable": "this is significantly below equality"}[verdict]
    return f"its interval is withheld (small counts); from the full data, {said}" \
        if withheld else said


def sentence(headline: Headline, row: dict | None, parts: dict | None = None) -> str:
    """The comparison in plain words. `row` is the headline row; `parts` maps a group (White,
    BME) or breakdown (workforce) to its row, for the survey and board sentences."""
    parts = parts or {}
    if row is None:
        return "Not published for this organisation this year."
    value = row.get("value")
    verdict = significance(headline, row)
    if value is None:
        reason = row.get("suppression_reason") or row.get("null_reason") or "no value"
        return f"No figure: {reason}" + (
            "; significantly adverse to BME staff." if verdict == "adverse" else ".")
    if headline.unit == "x":
        return headline.words.format(v=f"{value:.2f}") + "; " + _likelihood_verdict(
            verdict, row) + "."
    if headline.indicator == 1:
        white, unknown = parts.get("White"), parts.get("Unknown")
        rest = ", ".join(f"{number(r['value'], '%')} {name}" for name, r in
                         (("White", white), ("of unknown ethnicity", unknown))
                         if r and r.get("value") is not None)
        return f"{value:.1f}% {headline.words}" + (f" ({rest})" if rest else "") + "."
    if headline.indicator == 9:
        board, workforce = parts.get("board_voting"), parts.get("workforce")
        if not board or board.get("value") is None or not workforce \
                or workforce.get("value") is None:
            return f"The board's BME share is {number(value, 'pp')} against the workforce."
        side = "above" if value > 0 else "below" if value < 0 else "level with"
        gap = "" if value == 0 else f"{abs(value):.1f} percentage points "
        return (f"{board['value']:.1f}% {headline.words}, against {workforce['value']:.1f}% of "
                f"the workforce: {gap}{side} the workforce's share.")
    bme, white = parts.get("BME"), parts.get("White")
    said = ""
    if bme and white and bme.get("value") is not None and white.get("value") is not None:
        said = (f"{bme['value']:.1f}% of BME staff and {white['value']:.1f}% of White staff "
                f"{headline.words}: ")
    side = "higher" if value > 0 else "lower" if value < 0 else "no different"
    gap = f"BME staff {abs(value):.1f} percentage points {side}" if value else "no gap"
    tail = {"adverse": "this difference is significant and adverse to BME staff",
            "favourable": "this difference is significant and favourable to BME staff",
            "none": "this difference is not significant"}.get(
        verdict, "its interval is withheld, so no significance is stated")
    return f"{said}{gap}; {tail}."


def change(headline: Headline, now: float | None, before: float | None) -> str:
    """This year's value against an earlier year's, as a signed difference in the figure's
    unit ("+0.12", "-1.5 pp"); an en dash where either is missing."""
    if now is None or before is None:
        return "\u2013"
    difference = now - before
    if headline.unit == "x":
        return f"{difference:+.2f}"
    return f"{difference:+.1f} pp"
