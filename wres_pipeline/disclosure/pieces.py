"""How secondary suppression cuts a year into pieces small enough to solve quickly, and which
way each withheld count is asked to move.

A piece is an ICB's trusts with the areas above them (its region, their trust types, England),
or a region's trusts and ICBs with the areas above, or the whole year; every count outside a
piece stays at its true value, so a piece's perturbation is one of the whole year. A count is
first solved in its smallest piece and moves up only where it cannot move far enough there.
"""

from collections import defaultdict

import numpy as np


def directions(cells: list, members: dict) -> np.ndarray:
    neighbours = {}
    for (year, level, code), parents in sorted(members.items()):
        if level == "trust":
            siblings = neighbours.setdefault((year, parents.get("icb")), [])
            siblings.append(code)
    order = {(y, c): i for (y, _), codes in neighbours.items() for i, c in enumerate(codes)}
    found = np.empty(len(cells))
    for i, (year, level, area, _, _, group, _) in enumerate(cells):
        # A trust's grades move with its totals (a grade is no more than its total): only
        # groups and neighbouring trusts alternate.
        parity = (group in ("BME", "Unknown")) + (
            order.get((year, area), 0) if level == "trust" else 0)
        found[i] = -1.0 if parity % 2 else 1.0
    return found


def split(model) -> tuple[dict, dict]:
    """The year cut into overlapping pieces, each small enough to solve quickly: an ICB's trusts
    with the ICB and the areas above it (its region, their trust types, England); a region's
    trusts and ICBs with the areas above; the whole year. Every count outside a piece stays at
    its true value, so a piece's perturbation is one of the whole year. ({piece: cells},
    {cell: the piece it is first solved in}: a trust's its ICB's, an area's its region's.)"""
    members = model.members
    areas = defaultdict(set)  # piece -> (level, code) of the areas whose counts are free
    for (year, level, code), parents in members.items():
        if level != "trust" or year != model.year:
            continue
        icb, region = ("icb", parents["icb"]), ("region", parents["region"])
        above = [region, ("trust_type", parents["trust_type"]), ("england", parents["england"])]
        areas[icb].update([("trust", code), icb, *above])
        areas[region].update([("trust", code), icb, *above])
    regions = sorted((p for p in areas if p[0] == "region"), key=str)
    cells = defaultdict(list)
    home = {}
    for cell in model.values:
        level, code = cell[1], cell[2]
        parents = members.get((cell[0], level, code), {})
        cells[("whole", None)].append(cell)
        if level == "trust":
            home[cell] = ("icb", parents.get("icb"))
        elif level == "icb":
            home[cell] = ("region", parents.get("region"))
        elif level == "region":
            home[cell] = (level, code)
        else:  # a trust type or England: the first region piece that holds it
            home[cell] = next((p for p in regions if (level, code) in areas[p]), None)
        if home[cell] not in areas:
            home[cell] = ("whole", None)
    holders = defaultdict(list)
    for piece, held in areas.items():
        for place in held:
            holders[place].append(piece)
    # The year before's counts a relation ties to a trust's go with that trust's.
    cells[("whole", None)] += list(model.earlier)
    for cell in [*model.values, *model.earlier]:
        for piece in holders.get((cell[1], cell[2]), ()):
            cells[piece].append(cell)
    return cells, home


def piece_of(cells: list, members: dict, year: int) -> tuple:
    """The smallest piece holding every one of these trusts' counts (their ICB's, their
    region's, or the whole year's)."""
    parents = [members.get((year, "trust", c[2]), {}) for c in cells]
    for level in ("icb", "region"):
        codes = {p.get(level) for p in parents}
        if len(codes) == 1 and None not in codes:
            return (level, codes.pop())
    return ("whole", None)


def wider(piece: tuple, cell: tuple, members: dict) -> tuple:
    """The next piece up from `piece` for a count that could not move far enough in it."""
    if piece[0] == "icb" and cell[1] == "trust":
        return ("region", members.get((cell[0], "trust", cell[2]), {}).get("region"))
    return ("whole", None)


def rows_of(model, pieces: dict) -> dict:
    """Each piece's rows: those naming any of its cells."""
    where = defaultdict(set)
    for piece, cells in pieces.items():
        for cell in cells:
            where[cell].add(piece)
    found = defaultdict(list)
    for row in model.rows:
        touched = set()
        for cell in row[0]:
            touched |= where.get(cell, set())
        for piece in touched:
            found[piece].append(row)
    return found
