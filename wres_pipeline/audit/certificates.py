"""Certificates checked against everything published: a withheld count is protected where two
sets of counts, each consistent with every figure of every published year, put it at least the
protection width apart.

Each year's internal edition keeps the perturbations its secondary suppression found
(wres_pipeline/disclosure/certificates.py). The audit does not trust them: it adds each to the
true counts and checks the result against every fact it read from the public files (sums,
rounded values, ratios, likelihoods with their flags, in this year and every other), and that
no count goes below zero. A certificate that breaks a fact proves nothing; the counts it was to
prove go to the attacker's programs (solver.py) like any other.

A later year can tie a year's counts to its own: indicator 3's window adds this year's
disciplinary entries to last year's. A certificate moving a single year's entries is carried
along the chain (the next year's moved the other way, the one after the same way, ...), which
keeps every window's total; it is checked with the chain.
"""

import math
from collections import defaultdict
from pathlib import Path

import numpy as np

from wres_pipeline.audit.edition import cells_of_fact
from wres_pipeline.audit.facts import Gap, Likelihood
from wres_pipeline.audit.joined import Joined
from wres_pipeline.audit.likelihoods import fits
from wres_pipeline.disclosure.certificates import in_use, read_folder

TOLERANCE = 1e-6
WINDOW = "indicator 3's window (events)"


def load(folders: dict[int, Path]) -> tuple[dict, dict]:
    """({cell: (reason, up, down)}, {(year, number): {cell: change}}) of the internal snapshots
    that keep them (up and down name a certificate, or are None; a later year's proof of a
    count stands for an earlier one's)."""
    withheld, certificates = {}, {}
    for year, folder in sorted(folders.items()):
        proof = read_folder(folder)
        if proof is None:
            continue
        cells, found = proof
        for cell, (reason, up, down) in cells.items():
            withheld[cell] = (reason, None if up is None else (year, up),
                              None if down is None else (year, down))
        certificates.update({(year, n): moves for n, moves in found.items()})
    # A later year that carries a count's proof names it again (disclosure/carried.py): the
    # certificates it replaces prove nothing more and are not checked.
    used = in_use(withheld)
    return withheld, {k: v for k, v in certificates.items() if k in used}


def _chains(facts: list) -> dict:
    """{a single year's entries: the next year's} of every window the attacker reads."""
    following = {}
    for fact in facts:
        if getattr(fact, "route", None) != WINDOW:
            continue
        single = sorted((c for c, v in fact.terms.items() if v > 0), key=lambda c: c[0])
        if len(single) == 2:
            following[single[0]] = single[1]
    return following


def _carried(moves: dict, following: dict) -> dict:
    """The moves with each single year's carried along the windows, up to a year whose entries
    the certificate moves itself (a later year's carried certificate: carried.py)."""
    found = dict(moves)
    for cell, change in moves.items():
        sign, current = -1.0, cell
        while current in following and following[current] not in moves:
            current = following[current]
            found[current] = found.get(current, 0.0) + sign * change
            sign = -sign
    return found


def _holds(fact, value, settings: dict) -> bool:
    if isinstance(fact, Likelihood):
        n1, n2 = value(fact.n1), value(fact.n2)
        a = np.array([value(fact.a1)]), np.array([value(fact.a2)])
        return bool(fits(fact, a[0], a[1], n1, n2, settings)[0]) if n1 and n2 \
            else not (fact.flags or fact.value or fact.ci_lower)
    known = {c: value(c) for c in cells_of_fact(fact)}
    for terms, lo, hi in fact.rows(known):
        scale = TOLERANCE * max(1.0, abs(lo) if not math.isinf(lo) else 1.0,
                                abs(hi) if not math.isinf(hi) else 1.0)
        if terms or lo > scale or hi < -scale:
            return False
    return True


class _Index:
    """The facts as the checks need them: linear facts (sums, ratios' bounds) as rows with
    their value at the true counts, so a certificate's change to a row is added up over the
    counts it moves alone; likelihoods and gaps, whose rows depend on populations, evaluated
    whole."""

    def __init__(self, facts: list, truth: dict):
        self.rows = []  # (lo, hi, value at the truth, route)
        self.linear = defaultdict(list)  # cell -> [(row, coefficient)]
        self.whole = defaultdict(list)  # cell -> [fact]
        for fact in facts:
            if isinstance(fact, Likelihood | Gap):
                for cell in cells_of_fact(fact):
                    self.whole[cell].append(fact)
                continue
            for terms, lo, hi in fact.rows({}):
                base = sum(v * truth.get(c, math.nan) for c, v in terms.items())
                if math.isnan(base) and lo == hi:
                    base = lo  # an equality holds at the truth, whatever counts it names
                for cell, v in terms.items():
                    self.linear[cell].append((len(self.rows), v))
                self.rows.append((lo, hi, base, fact.route))

    def parts(self, moves: dict) -> list[list]:
        """The moved counts in parts no fact ties together."""
        joined = Joined(moves)
        first = {}
        for cell in moves:
            for r, _ in self.linear.get(cell, ()):
                joined.join(cell, first.setdefault(r, cell))
            for fact in self.whole.get(cell, ()):
                for other in cells_of_fact(fact):
                    if other in joined:
                        joined.join(cell, other)
        parts = defaultdict(list)
        for cell in moves:
            parts[joined.root(cell)].append(cell)
        return list(parts.values())

    def broken(self, part: list, moves: dict, truth: dict, settings: dict) -> str | None:
        change = defaultdict(float)
        for cell in part:
            for r, v in self.linear.get(cell, ()):
                change[r] += v * moves[cell]
        for r, delta in change.items():
            lo, hi, base, route = self.rows[r]
            now = base + delta
            slack = TOLERANCE * max(1.0, abs(base))
            if math.isnan(now) or now < lo - slack or now > hi + slack:
                return route

        def value(cell):
            return truth[cell] + moves.get(cell, 0.0) if cell in truth else math.nan

        whole = {id(f): f for c in part for f in self.whole.get(c, ())}
        return next((f.route for f in whole.values() if not _holds(f, value, settings)), None)


def check(problem, truth: dict, certificates: dict, settings: dict,
          years: set | None = None) -> dict:
    """{certificate: {cell: the route of the first fact it breaks}} for the moved counts a
    certificate does not prove. A certificate falls into parts that no fact ties together
    (each part on its own keeps every fact, as the whole did), so a broken part proves none of
    its own counts and takes nothing else with it."""
    index = _Index(problem.facts, truth)
    years = {cell[0] for cell in truth} if years is None else years
    following = _chains(problem.facts)
    found = {}
    for key, moves in sorted(certificates.items()):
        moves = _carried(moves, following)
        found[key] = {}
        for part in index.parts(moves):
            why = _counts_broken(part, moves, truth, problem.known, years) \
                or index.broken(part, moves, truth, settings)
            if why:
                found[key].update(dict.fromkeys(part, why))
    return found


def _counts_broken(part: list, moves: dict, truth: dict, known: dict,
                   years: set) -> str | None:
    for cell in part:
        if cell not in truth and cell[0] not in years:
            continue  # a count of a year not audited: its own year's audit checks it
        if cell not in truth:
            return f"{cell} has no true value"
        if truth[cell] + moves[cell] < -TOLERANCE:
            return f"{cell} below zero"
        if cell in known and abs(moves[cell]) > TOLERANCE:
            return f"{cell} is shown"
    return None


def proven(withheld: dict, certificates: dict, broken: dict, truth: dict) -> dict:
    """{cell: (lo, hi)}: the values of each withheld count its holding certificates show."""
    found = {}
    for cell, (_, up, down) in withheld.items():
        if cell not in truth:
            continue
        ends = [truth[cell]]
        for key in (up, down):
            if key is not None and cell not in broken.get(key, {}):
                ends.append(truth[cell] + certificates[key].get(cell, 0.0))
        found[cell] = (min(ends), max(ends))
    return found
