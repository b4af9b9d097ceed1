"""A large set of linked counts, solved piece by piece around each table of a trust or area.

Where small counts are withheld nearly everywhere (the sample years), sums over areas, groups and
grades tie tens of thousands of counts into one program too slow to solve once per count. The
audit holds the internal edition, so it can bound each count from both sides with small
programs over its neighbourhood (the counts sharing a relation with it, a step or more away):

- *inner*: the neighbourhood free and every other count at its true value. Each solution is a
  set of counts consistent with everything published (the rest of the tables are untouched), so
  the values a count takes there are values an attacker cannot rule out: a count seen at least
  the protection width apart is protected.
- *outer*: the neighbourhood's relations alone, every count in them free. An attacker holding
  more knows at least this much, so a count this program pins narrower than the width is not
  protected.
Where the two agree the interval is exact; where neither decides, the neighbourhood grows.
"""

import math
from collections import defaultdict

from wres_pipeline.audit.programs import Bounds, Program, shown, wide

RADII = (1, 2, 3)
MAX_NEIGHBOURS = 1500
SPREAD_OBJECTIVES = 4


def solve(members: list, rows: list, extra: dict, widths: dict, truth: dict) -> dict:
    """{count: Bounds} for every count of the set (`widths`: each count's protection
    width)."""
    touching = defaultdict(list)
    for r, (terms, _, _) in enumerate(rows):
        for c in terms:
            touching[c].append(r)
    blocks = defaultdict(list)
    for c in members:
        blocks[c[:4]].append(c)
    seen: dict = {}  # count -> (least, greatest) over feasible solutions found so far
    decided: dict = {}
    for c in members:  # narrower than the width by propagation: not protected, no program
        lo, hi = extra.get(c, (0.0, math.inf))
        if hi - lo < widths[c]:
            decided[c] = Bounds(lo, hi, exact=lo == hi)
    for key in sorted(blocks, key=repr):
        todo = [c for c in blocks[key] if c not in decided and not _wide(seen, c, widths)]
        for c in blocks[key]:
            if c not in decided and _wide(seen, c, widths):
                decided[c] = shown(*seen[c])
        outer = {}
        for radius in RADII:
            if not todo:
                break
            near = _neighbourhood(todo, radius, rows, touching)
            inner = _inner(near, rows, touching, extra, truth, seen, todo, widths)
            for c in todo:
                if _wide(seen, c, widths):
                    decided[c] = shown(*seen[c])
            todo = [c for c in todo if c not in decided]
            if not todo:
                break
            outer = _outer(near, rows, touching, extra, todo)
            for c in todo:
                lo, hi = outer[c]
                if hi - lo < widths[c] or (lo, hi) == inner.get(c):
                    decided[c] = Bounds(lo, hi, exact=(lo, hi) == inner.get(c))
            todo = [c for c in todo if c not in decided]
        for c in todo:
            decided[c] = Bounds(*outer.get(c, seen.get(c, (0, float("inf")))), exact=False,
                                undecided=True)
    return decided


def _wide(seen: dict, c, widths: dict) -> bool:
    return c in seen and wide(*seen[c], widths[c])


def _neighbourhood(cells: list, radius: int, rows: list, touching: dict) -> set:
    near = set(cells)
    frontier = set(cells)
    for _ in range(radius):
        grown = {v for c in frontier for r in touching[c] for v in rows[r][0]} - near
        if len(near) + len(grown) > MAX_NEIGHBOURS:
            break
        near |= grown
        frontier = grown
    return near


def _inner(near: set, rows: list, touching: dict, extra: dict, truth: dict, seen: dict,
           todo: list, widths: dict) -> dict:
    """Solutions with every count outside the neighbourhood at its true value."""
    free = set(near)
    frontier = set(near)
    while frontier:  # a count without a true value (a latent one) cannot be held: free it
        grown = {v for c in frontier for r in touching[c] for v in rows[r][0]
                 if v not in free and v not in truth}
        free |= grown
        frontier = grown
    members = sorted(free, key=repr)
    used = sorted({r for c in members for r in touching[c]})
    program = Program(members, [rows[r] for r in used], extra, fixed=truth)
    program.spread(SPREAD_OBJECTIVES, todo)
    for c, i in program.index.items():
        lo, hi = program.seen(i)
        # The true counts are a solution too.
        old = seen.get(c, (truth.get(c, lo), truth.get(c, hi)))
        seen[c] = (min(lo, old[0]), max(hi, old[1]))
    found = {}
    for c in todo:
        if not _wide(seen, c, widths):
            found[c] = program.extremes(program.index[c], read=False)
            lo, hi = found[c]
            seen[c] = (min(lo, seen[c][0]), max(hi, seen[c][1]))
    return found


def _outer(near: set, rows: list, touching: dict, extra: dict, todo: list) -> dict:
    """Bounds from the neighbourhood's relations alone (any subset of the relations bounds a
    count from outside; those wholly within the neighbourhood keep the program small)."""
    used = sorted({r for c in near for r in touching[c] if all(v in near for v in rows[r][0])})
    members = sorted(near, key=repr)
    program = Program(members, [rows[r] for r in used], extra)
    return {c: program.extremes(program.index[c], read=False) for c in todo}
