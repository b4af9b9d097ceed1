"""The attacker's linear program: for each withheld count, the least and greatest value
consistent with everything published, counts being whole and never negative.

The facts are split into connected sets of unknown counts (a withheld trust count touches its
ICB, region, type and England, its groups and grades, never another unit's), each solved apart
with HiGHS. A count's bounds come from minimising and maximising it; counts already seen far
apart in earlier solutions are not solved again (they are protected whatever their exact
bounds). Bounds are rounded inward to whole numbers. A count pinned to one value is substituted
back, which can make a likelihood's or gap's constraint linear, so the whole is repeated until
nothing changes. Likelihood flags (significance, the non-adverse range) are not linear: where a
likelihood's two event counts have few candidate pairs left, every pair is tried against all its
published figures (`likelihoods.py`) and the bounds narrow to the pairs that fit.
"""


import numpy as np

from wres_pipeline.audit import local, propagation
from wres_pipeline.audit.facts import Likelihood, Problem
from wres_pipeline.audit.joined import Joined
from wres_pipeline.audit.likelihoods import consistent_pairs
from wres_pipeline.audit.programs import (
    EPSILON,
    INFINITY,
    Bounds,
    Infeasible,
    Program,
    shown,
    wide,
)

WHOLE_LIMIT = 1500  # counts in a set solved whole; a larger one is solved piece by piece
MAX_PAIRS = 40_000
SPREAD_OBJECTIVES = 4


def solve(problem: Problem, width: int, settings: dict | None = None,
          truth: dict | None = None, widths: dict | None = None,
          settled: frozenset = frozenset()) -> dict:
    """{cell: Bounds} for every hidden cell of the problem; `width` is the protection width
    (a count seen this far apart is not solved further; `widths` sets it count by count: 1 for
    a count that need only not be exact). `truth` (the internal edition's counts) lets a large
    set be solved piece by piece (`local.py`). A set of counts all `settled` (shown protected
    by certificates, or needing no proof) is not solved; a settled count in another set is not
    solved for."""
    widths = _Widths(width, {**(widths or {}), **dict.fromkeys(settled, 0)})
    known = dict(problem.known)
    hidden = problem.hidden()
    result: dict = {}
    extra: dict = {}  # cell -> (lo, hi) from likelihood enumeration
    while True:
        rows = []
        for fact in problem.facts:
            for r in fact.rows(known):
                if r[0]:
                    rows.append(r)
                elif not _holds(r):
                    raise Infeasible(f"published figures contradict each other: {fact}")
        cells = sorted({c for terms, _, _ in rows for c in terms} | (hidden - known.keys()),
                       key=repr)
        _propagate(cells, rows, extra)
        bounds = _solve_components(cells, rows, extra, widths, truth, settled)
        result.update(bounds)
        pinned = {c: b.lo for c, b in bounds.items() if b.exact and b.lo == b.hi}
        narrowed = _enumerate(problem, known, bounds, extra, settings or {})
        if not pinned and not narrowed:
            break
        known.update(pinned)
    for c in hidden & problem.known.keys():  # withheld in one table, shown in another
        result[c] = Bounds(problem.known[c], problem.known[c])
    return {c: result[c] for c in hidden if c in result}


class _Widths(dict):
    """Each count's protection width, `width` where none is given."""

    def __init__(self, width: int, given: dict):
        super().__init__(given)
        self.width = width

    def __missing__(self, cell) -> int:
        return self.width


def _propagate(cells: list, rows: list, extra: dict) -> None:
    """Narrow every count's bounds by propagation before any program is solved."""
    lower = np.array([extra.get(c, (0.0, INFINITY))[0] for c in cells], dtype=float)
    upper = np.array([extra.get(c, (0.0, INFINITY))[1] for c in cells], dtype=float)
    lower, upper = propagation.propagate(cells, rows, np.maximum(lower, 0.0), upper)
    for c, lo, hi in zip(cells, lower.tolist(), upper.tolist(), strict=True):
        if lo > 0 or hi < INFINITY:
            extra[c] = (lo, hi)


def _holds(row) -> bool:
    _, lo, hi = row
    return lo <= EPSILON and hi >= -EPSILON


def _components(cells: list, rows: list) -> list[tuple[list, list]]:
    joined = Joined(cells)
    for terms, _, _ in rows:
        first, *rest = list(terms) or [None]
        for other in rest:
            joined.join(first, other)
    groups: dict = {}
    for c in cells:
        groups.setdefault(joined.root(c), ([], []))[0].append(c)
    for row in rows:
        if row[0]:
            groups[joined.root(next(iter(row[0])))][1].append(row)
    return list(groups.values())


def _solve_components(cells: list, rows: list, extra: dict, widths: dict,
                      truth: dict | None, settled: frozenset = frozenset()) -> dict:
    found = {}
    for members, member_rows in _components(cells, rows):
        if all(c in settled for c in members):
            continue
        if truth is not None and len(members) > WHOLE_LIMIT:
            found.update(local.solve(members, member_rows, extra, widths, truth))
        else:
            found.update(_solve_whole(members, member_rows, extra, widths))
    return found


def _solve_whole(members: list, rows: list, extra: dict, widths: dict) -> dict:
    """Every count of a set solved over the whole set's program."""
    program = Program(members, rows, extra)
    if not rows:
        return {c: Bounds(*program.bounds(i)) for i, c in enumerate(members)}
    program.spread(SPREAD_OBJECTIVES)
    found = {}
    for i, c in enumerate(members):
        found[c] = shown(*program.seen(i)) if wide(*program.seen(i), widths[c]) \
            else Bounds(*program.extremes(i))
    return found


def _enumerate(problem: Problem, known: dict, bounds: dict, extra: dict, settings: dict) -> bool:
    """Narrow likelihoods' event counts to the pairs that fit every published figure."""
    narrowed = False
    for fact in problem.facts:
        if not isinstance(fact, Likelihood) or not (fact.flags or fact.value or fact.ci_lower):
            continue
        n1, n2 = known.get(fact.n1), known.get(fact.n2)
        if n1 is None or n2 is None:
            continue
        ranges = []
        for cell in (fact.a1, fact.a2):
            if cell in known:
                ranges.append((known[cell], known[cell]))
            elif cell in bounds and bounds[cell].exact and bounds[cell].hi < INFINITY:
                ranges.append((bounds[cell].lo, bounds[cell].hi))
            else:
                break
        else:
            (l1, h1), (l2, h2) = ranges
            if (h1 - l1 + 1) * (h2 - l2 + 1) > MAX_PAIRS or (l1 == h1 and l2 == h2):
                continue
            pairs = consistent_pairs(fact, int(l1), int(h1), int(l2), int(h2), n1, n2, settings)
            if not pairs:
                raise Infeasible(f"no event counts fit the published likelihood {fact.route} "
                                 f"at {fact.a1}")
            for cell, values in ((fact.a1, [p[0] for p in pairs]),
                                 (fact.a2, [p[1] for p in pairs])):
                if cell in known:
                    continue
                new = (min(values), max(values))
                old = extra.get(cell, (0.0, INFINITY))
                tight = (max(new[0], old[0]), min(new[1], old[1]))
                if tight != old and (tight[0] > bounds[cell].lo or tight[1] < bounds[cell].hi):
                    extra[cell] = tight
                    narrowed = True
    return narrowed
