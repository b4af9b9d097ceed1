"""Relations the method makes between indicators and between years (assets/indicators/*.sql):

- a trust's staff by group are indicator 1's headcount, indicator 9's workforce and indicator
  4's population (return_counts.sql);
- indicator 3 pools a two-year window: its population is this year's and last year's headcount,
  its events this year's and last year's entries (single-year counts no table shows: the
  attacker's unknowns too);
- Model Employer's baseline share of a band is the baseline year's indicator 1 share.
A trust into which others were merged pools their counts; no link is assumed across such a
change (reference/trust_successors.csv).
"""

import functools
from collections import defaultdict

from wres_pipeline import reference
from wres_pipeline.audit.facts import Linear, Problem, Ratio, value_interval
from wres_pipeline.audit.public_facts import publish_counts, share_fact

GROUPS = ("White", "BME", "Unknown", "all")


def _equal(a, b, route: str) -> Linear:
    return Linear({a: 1.0, b: -1.0}, 0.0, 0.0, route)


def _merged() -> dict:
    """{successor: {predecessors}} of reference/trust_successors.csv."""
    found = defaultdict(set)
    for row in reference.table("trust_successors"):
        found[row["successor_code"]].add(row["predecessor_code"])
    return found


@functools.cache
def pooled_codes(trust: str) -> tuple[str, ...]:
    """A trust's code and every predecessor's merged into it, however long ago: an earlier
    year's counts of today's trust (the Model Employer baseline) pool them all."""
    merged, found, todo = _merged(), [trust], [trust]
    while todo:
        for predecessor in sorted(merged.get(todo.pop(), ())):
            if predecessor not in found:
                found.append(predecessor)
                todo.append(predecessor)
    return tuple(found)


def same_people(problem: Problem, cells: set) -> None:
    """A trust's headcount by group, wherever an indicator counts it."""
    for cell in cells:
        year, level, area, ind, breakdown, group, role = cell
        if level != "trust" or ind != 1 or breakdown != "all" or role != "x":
            continue
        for other in ((year, level, area, 9, "workforce", group, "x"),
                      (year, level, area, 4, "all", group, "n")):
            if other in cells:
                problem.add(_equal(cell, other, "the same staff in two indicators"))


def window_years(detail: str | None) -> int:
    """The years indicator 3's window pools, from a row's detail (`window_years=2`)."""
    return int(detail.partition("=")[2]) if detail and detail.startswith("window_years=") else 1


def single_year_counts(rows: list[dict]) -> dict:
    """{cell: entries} of the single-year disciplinary inputs (exchange/disciplinary_inputs:
    a trust's entries by group), with each trust's total."""
    names = {"white": "White", "bme": "BME", "unknown": "Unknown"}
    found = defaultdict(float)
    for row in rows:
        key = (row["year"], "trust", row["organisation_code"], 3, "single_year")
        found[(*key, names[row["wres_group"]], "x")] = float(row["entered"])
        found[(*key, "all", "x")] += row["entered"]
    return dict(found)


def disciplinary_window(problem: Problem, cells: set, windows: dict) -> None:
    """Indicator 3's window: this year's and the year before's counts added up
    ({(year, trust): years pooled}, from each row's detail)."""
    merged = _merged()
    for (year, trust), pooled in windows.items():
        before = year - 1
        if pooled == 2 and any((before, "trust", p, 3, "all", "White", "n") in cells
                               for p in merged.get(trust, ())):
            continue  # predecessors pooled into the trust: no link assumed
        for group in GROUPS:
            population = (year, "trust", trust, 3, "all", group, "n")
            if population in cells:
                terms = {population: -1.0, (year, "trust", trust, 1, "all", group, "x"): 1.0}
                if pooled == 2:
                    terms[(before, "trust", trust, 1, "all", group, "x")] = 1.0
                problem.add(Linear(terms, 0.0, 0.0, "indicator 3's window (staff)"))
            events = (year, "trust", trust, 3, "all", group, "x")
            if events in cells:
                single = [(y, "trust", trust, 3, "single_year", group, "x")
                          for y in (year, before)[:pooled]]
                problem.latent.update(single)
                terms = {events: -1.0, **{s: 1.0 for s in single}}
                problem.add(Linear(terms, 0.0, 0.0, "indicator 3's window (events)"))


def model_employer_row(problem: Problem, row: dict, baseline_year: int, targets: dict) -> None:
    """A Model Employer row: its band's counts, shares and targets in people."""
    year, level, area, band = row["year"], row["level"], row["area_code"], row["band"]
    key = (year, level, area, 1, f"all:{band}")
    total, bme = (*key, "all", "x"), (*key, "BME", "x")
    publish_counts(problem, row, {"headcount": total, "bme_headcount": bme})
    share_fact(problem, row.get("bme_share"), bme, total, "Model Employer share")
    if level == "trust" and year != baseline_year and row.get("baseline_share") is not None:
        # The baseline year's counts of the trust and of every predecessor pooled into it.
        codes = pooled_codes(area)
        lo, hi = value_interval(row["baseline_share"])
        problem.add(Ratio({(baseline_year, level, c, 1, f"all:{band}", "BME", "x"): 1.0
                           for c in codes},
                          {(baseline_year, level, c, 1, f"all:{band}", "all", "x"): 1.0
                           for c in codes}, lo / 100, hi / 100,
                          "Model Employer baseline share"))
    if level == "trust":
        overall = (year, level, area, 1, "all")
        share_fact(problem, row.get("overall_share"), (*overall, "BME", "x"),
                   (*overall, "all", "x"), "Model Employer overall share")
    target, gap = row.get("target_headcount"), row.get("gap_people")
    if target is None or gap is None:
        return
    # gap = target - BME staff, over the trusts with a target (one trust, or an area's).
    people = [bme] if level == "trust" else [
        (year, "trust", t, 1, f"all:{band}", "BME", "x")
        for t in targets.get((year, level, area, band), ())]
    if people:
        problem.add(Linear({p: 1.0 for p in people}, target - gap, target - gap,
                           "Model Employer target minus gap"))
