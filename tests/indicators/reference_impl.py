"""An independent, plain-Python implementation of the WRES indicators for one trust-year, used
only by the tests to check the SQL. It reads the validated tables row by row and shares nothing
with the pipeline's SQL but the reference CSV files."""

import csv
import math
import re
import tomllib
from collections import defaultdict
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "reference"
Z = 1.959963984540054


def _csv(name):
    with open(REFERENCE / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


ETHNIC = {r["national_code"]: r["wres_group"] for r in _csv("ethnic_categories")}
GRADES = {r["esr_grade"]: r["wres_grade"] for r in _csv("pay_grades")}
IN_SCOPE = {r["assignment_category"] for r in _csv("assignment_categories")
            if r["in_scope"] == "true"}
# Model Employer's pooled senior bands (a method setting), counted once per person.
with open(REFERENCE.parent / "config.toml", "rb") as _handle:
    POOL = tomllib.load(_handle)["method"]["model_employer_pooled_bands"]
POOL_NAME = f"{POOL[0]}_to_{POOL[-1].removeprefix('band_')}"


def group_of(category):
    """Codes only (`99`, or a national code and an optional sub-code): text is Unknown."""
    value = (category or "").strip().upper()
    if value == "99" or not re.fullmatch(r"[A-Z][0-9A-Z]?", value):
        return ETHNIC.get(value, "unknown")
    return ETHNIC.get(value[0], "unknown")


def people_and_posts(esr_rows):
    """{(trust, person): group} and {(trust, person, breakdown)} from ESR dict rows."""
    categories, posts = defaultdict(list), set()
    for row in esr_rows:
        if row["assignment_category"] not in IN_SCOPE:
            continue
        key = (row["organisation_code"], row["person_id"])
        categories[key].append(row["ethnic_category"])
        flag = "clinical" if row["clinical"] else "non_clinical"
        grade = GRADES[row["pay_grade"]]
        posts |= {key + (f"{flag}:{grade}",), key + (f"{flag}:all",), key + (f"all:{grade}",)}
        if grade in POOL:
            posts.add(key + (f"all:{POOL_NAME}",))
    people = {key: group_of(min(c for c in values if c is not None) if any(
        c is not None for c in values) else None) for key, values in categories.items()}
    return people, posts


def wilson(x, n):
    p = x / n
    centre = p + Z * Z / (2 * n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return 100 * p, 100 * (centre - half) / (1 + Z * Z / n), 100 * (centre + half) / (1 + Z * Z / n)


def likelihood(a1, n1, a2, n2):
    """(value, lower, upper): log method inside the boundaries, MOVER-R with Wilson limits at
    them; a zero reference rate gives (None, lower, None); no population or no events at all
    give Nones."""
    if 0 in (n1, n2) or a1 == a2 == 0:
        return None, None, None
    p1, p2 = a1 / n1, a2 / n2
    if a1 and a2 and not (a1 == n1 and a2 == n2):
        value = p1 / p2
        se = math.sqrt(1 / a1 - 1 / n1 + 1 / a2 - 1 / n2)
        return value, value * math.exp(-Z * se), value * math.exp(Z * se)
    (l1, u1), (l2, u2) = _bounds(a1, n1), _bounds(a2, n2)
    lower = (p1 * p2 - math.sqrt(max(0.0, (p1 * p2) ** 2 - l1 * u2 * (2 * p1 - l1) * (2 * p2 - u2)))
             ) / (u2 * (2 * p2 - u2))
    if a2 == 0:
        return None, max(lower, 0.0), None
    upper = (p1 * p2 + math.sqrt(max(0.0, (p1 * p2) ** 2 - u1 * l2 * (2 * p1 - u1) * (2 * p2 - l2)))
             ) / (l2 * (2 * p2 - l2))
    return p1 / p2, max(lower, 0.0), upper


def _bounds(x, n):
    _, low, high = wilson(x, n)
    return low / 100, high / 100


def newcombe(x1, n1, x2, n2):
    """Percentage-point difference x1/n1 - x2/n2 with Newcombe's hybrid score interval."""
    p1, p2 = x1 / n1, x2 / n2
    (l1, u1), (l2, u2) = _bounds(x1, n1), _bounds(x2, n2)
    d = p1 - p2
    return (100 * d, 100 * (d - math.hypot(p1 - l1, u2 - p2)),
            100 * (d + math.hypot(u1 - p1, p2 - l2)))


def trust_indicators(people, posts, returns, survey, questions, prior_disciplinary):
    """{(trust, indicator, measure, breakdown, group): (value, ci_lower, ci_upper)}."""
    out = {}
    members = defaultdict(lambda: defaultdict(int))  # (trust, breakdown) -> group -> count
    for (trust, _person), group in people.items():
        members[(trust, "all")][group] += 1
    for trust, person, breakdown in posts:
        members[(trust, breakdown)][people[(trust, person)]] += 1
    labels = {"white": "White", "bme": "BME", "unknown": "Unknown"}
    for (trust, breakdown), groups in members.items():
        total = sum(groups.values())
        known = groups["white"] + groups["bme"]
        for group in ("white", "bme", "unknown"):  # a census: no sampling interval
            out[(trust, 1, "share", breakdown, labels[group])] = (
                100 * groups[group] / total, None, None)
            if group != "unknown" and known:
                out[(trust, 1, "share_of_known", breakdown, labels[group])] = (
                    100 * groups[group] / known, None, None)
    heads = {(t, g): members[(t, "all")][g] for (t, _), _ in members.items()
             for g in ("white", "bme", "unknown")}
    by_trust = defaultdict(dict)
    for row in returns:
        by_trust[row["organisation_code"]][row["ethnic_group"].lower()] = row
    for trust, rows in by_trust.items():
        entered = {g: rows[g]["entered_formal_disciplinary"] for g in rows}
        staff = {g: heads.get((trust, g), 0) for g in rows}
        for g, (a, n) in prior_disciplinary.get(trust, {}).items():
            entered[g] += a
            staff[g] += n
        pairs = {2: {g: (rows[g]["appointed_from_shortlisting"], rows[g]["shortlisted_applicants"])
                     for g in rows},
                 3: {g: (entered[g], staff[g]) for g in rows},
                 4: {g: (rows[g]["accessed_non_mandatory_training"], heads.get((trust, g), 0))
                     for g in rows}}
        for indicator, counts in pairs.items():
            (aw, nw), (ab, nb) = counts["white"], counts["bme"]
            for g, (a, n) in (("White", (aw, nw)), ("BME", (ab, nb))):
                if n:
                    out[(trust, indicator, "rate", "all", g)] = wilson(a, n)
            oriented = (ab, nb, aw, nw) if indicator == 3 else (aw, nw, ab, nb)
            out[(trust, indicator, "relative_likelihood", "all", "all")] = likelihood(*oriented)
        workforce_bme = 100 * heads.get((trust, "bme"), 0) / sum(
            heads.get((trust, g), 0) for g in labels)
        members = {"board_voting": {g: rows[g]["board_voting_members"] for g in rows},
                   "board_executive": {g: rows[g]["board_executive_members"] for g in rows}}
        members["board_non_executive"] = {g: members["board_voting"][g]
                                          - members["board_executive"][g] for g in rows}
        for breakdown, by_group in members.items():
            board = sum(by_group.values())
            if board:
                gap = 100 * by_group["bme"] / board - workforce_bme
                out[(trust, 9, "gap_pp", breakdown, "all")] = (gap, None, None)
    answers = defaultdict(dict)
    for row in survey:
        if row["question_code"] in questions:
            answers[(row["organisation_code"], questions[row["question_code"]])][
                row["ethnic_group"]] = (row["positive"], row["respondents"])
    for (trust, indicator), groups in answers.items():
        for g, (x, n) in groups.items():
            if n:
                out[(trust, indicator, "percent", "all", g)] = wilson(x, n)
        if all(groups.get(g, (0, 0))[1] for g in ("White", "BME")):
            out[(trust, indicator, "gap_pp", "all", "all")] = newcombe(*groups["BME"],
                                                                       *groups["White"])
    return out
