"""Every published figure of an edition's tables as the attacker reads it: counts shown or
withheld (`Problem.publish`), and what each value, flag and null reason says of the counts.

Rows of the indicators, Model Employer, data-quality and trend tables of every year are read into
one problem; the same count in two tables (or two years' trend tables) is one cell. A withheld
value rounded to `withheld_likelihood_decimals` is read as the half-unit around it.
"""

from wres_pipeline.audit.facts import Gap as GapFact
from wres_pipeline.audit.facts import Likelihood, Linear, Problem, Ratio, value_interval

FLAGS = ("significant", "adverse_significant", "outside_non_adverse_range")
# Which group's rate is on top of each likelihood (reference/indicators.csv).
TOP = {2: "White", 3: "BME", 4: "White"}


def _other(group: str) -> str:
    return "BME" if group == "White" else "White"


def publish_counts(problem: Problem, row: dict, columns: dict) -> None:
    """Each count column of a row ({column: cell}): shown, or withheld where the row is."""
    withheld = bool(row.get("suppressed"))
    for column, cell in columns.items():
        if row.get(column) is not None or withheld:
            problem.publish(cell, row.get(column))


def share_fact(problem: Problem, percent: float | None, part, whole, route: str) -> None:
    """A published percentage share of one count in another, where it is shown."""
    if percent is not None:
        lo, hi = value_interval(percent)
        problem.add(Ratio({part: 1.0}, {whole: 1.0}, lo / 100, hi / 100, route))


def proportion_cells(row: dict) -> tuple:
    """(numerator terms, denominator terms) of a share, rate, unknown share or percent row."""
    year, level, area = row["year"], row["level"], row["area_code"]
    ind, b, g = row["indicator"], row["breakdown"], row["group"]

    def c(group, role, indicator=ind):
        return (year, level, area, indicator, b, group, role)

    measure = row["measure"]
    if measure == "share":
        return {c(g, "x"): 1.0}, {c("all", "x"): 1.0}
    if measure == "share_of_known":
        return {c(g, "x"): 1.0}, {c("White", "x"): 1.0, c("BME", "x"): 1.0}
    if measure == "unknown_share":
        return {c("Unknown", "n"): 1.0}, {c("all", "n"): 1.0}
    return {c(g, "x"): 1.0}, {c(g, "n"): 1.0}  # rate, percent


def read_indicator_row(problem: Problem, row: dict, decimals: int | None) -> None:
    """One row of an indicators table (or a trend table's row of this or an earlier year)."""
    measure, withheld = row["measure"], bool(row.get("suppressed"))
    if measure == "relative_likelihood":
        _likelihood(problem, row, decimals if withheld else None)
        return
    if measure == "gap_pp":
        _gap(problem, row)
        return
    num, den = proportion_cells(row)
    publish_counts(problem, row, {column: next(iter(terms)) for terms, column in
                                  ((num, "numerator"), (den, "denominator")) if len(terms) == 1})
    if len(den) > 1 and row.get("denominator") is not None:  # White and BME staff together
        problem.add(Linear(dict(den), row["denominator"], row["denominator"],
                           "share of known staff"))
    route = f"{measure} value"
    if row.get("value") is not None:
        lo, hi = value_interval(row["value"])
        problem.add(Ratio(num, den, lo / 100, hi / 100, route))
    elif row.get("null_reason"):
        problem.add(Linear(dict(den), 0.0, 0.0, f"{measure}: {row['null_reason']}"))


def _likelihood(problem: Problem, row: dict, decimals: int | None) -> None:
    year, level, area, ind = row["year"], row["level"], row["area_code"], row["indicator"]
    top = TOP[ind]

    def c(group, role):
        return (year, level, area, ind, row["breakdown"], group, role)

    fact = Likelihood(c(top, "x"), c(top, "n"), c(_other(top), "x"), c(_other(top), "n"),
                      route=f"indicator {ind} likelihood, its flags and rounding")
    if row.get("value") is not None:
        fact.value = value_interval(row["value"], decimals)
        if decimals is not None:  # rounded: the true ratio may lie either side of it
            fact.value = (max(0.0, fact.value[0]), fact.value[1])
        fact.kind = "value"
    for name in ("ci_lower", "ci_upper"):
        if row.get(name) is not None:
            setattr(fact, name, value_interval(row[name]))
    fact.flags = {f: row[f] for f in FLAGS if row.get(f) is not None}
    reason = row.get("null_reason") or ""
    if "no finite relative likelihood" in reason:
        fact.kind = "reference_zero"
    elif reason.startswith("no White or BME"):
        fact.kind = "undefined"
    elif reason.startswith("no White "):
        problem.add(Linear({c("White", "n"): 1.0}, 0.0, 0.0, reason))
    elif reason.startswith("no BME "):
        problem.add(Linear({c("BME", "n"): 1.0}, 0.0, 0.0, reason))
    if fact.kind or fact.flags or fact.ci_lower:
        problem.add(fact)


def _gap(problem: Problem, row: dict) -> None:
    if row.get("value") is None:
        return
    year, level, area, ind, b = (row["year"], row["level"], row["area_code"],
                                 row["indicator"], row["breakdown"])
    lo, hi = value_interval(row["value"])
    if ind == 9:  # board share minus workforce share
        board = (year, level, area, 9, b)
        staff = (year, level, area, 9, "workforce")
        problem.add(GapFact((*board, "BME", "x"), (*board, "all", "x"), (*staff, "BME", "x"),
                            (*staff, "all", "x"), lo / 100, hi / 100, "board gap"))
        return
    key = (year, level, area, ind, b)
    problem.add(GapFact((*key, "BME", "x"), (*key, "BME", "n"), (*key, "White", "x"),
                        (*key, "White", "n"), lo / 100, hi / 100, "survey gap"))


def read_trend_row(problem: Problem, row: dict, decimals: int | None) -> None:
    """This year's figures and those one and five years before, as one more table shows them."""
    read_indicator_row(problem, row, decimals)
    for offset in (1, 5):
        value = row.get(f"value_{offset}y_before")
        count = row.get(f"numerator_{offset}y_before")
        if value is None and row.get("value") is not None \
                and row.get(f"change_{offset}y") is not None:
            value = row["value"] - row[f"change_{offset}y"]
        if count is None and row.get("numerator") is not None \
                and row.get(f"numerator_change_{offset}y") is not None:
            count = row["numerator"] - row[f"numerator_change_{offset}y"]
        if value is None and count is None:
            continue
        earlier = {**row, "year": row["year"] - offset, "value": value, "numerator": count,
                   "denominator": None, "suppressed": False, "null_reason": None,
                   **{f: None for f in FLAGS}, "ci_lower": None, "ci_upper": None}
        # An earlier likelihood may be the rounded one its year published: read it as rounded.
        rounded = decimals if row["measure"] == "relative_likelihood" else None
        read_indicator_row(problem, earlier, rounded)


def read_data_quality_row(problem: Problem, row: dict) -> None:
    key = (row["year"], "trust", row["organisation_code"], 1, "all")
    total, unknown = (*key, "all", "x"), (*key, "Unknown", "x")
    publish_counts(problem, row, {"esr_headcount": total, "esr_unknown": unknown})
    share_fact(problem, row.get("unknown_share"), unknown, total, "data quality: unknown share")
    declared, difference = row.get("declared_headcount"), row.get("declared_difference")
    if declared is not None and difference is not None:
        # (declared - ESR) / ESR = difference %  <=>  declared / ESR = 1 + difference %
        lo, hi = value_interval(difference)
        problem.add(Ratio({}, {total: 1.0}, 1 + lo / 100, 1 + hi / 100,
                          "data quality: declared headcount's difference",
                          numerator_constant=float(declared)))
