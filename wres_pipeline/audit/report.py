"""The audit's findings: for each withheld count, its interval given everything published, and
whether it is protected (at least the protection width wide, never a single value).

`audit(published)` reads the public edition of every published year together and, where the
internal edition is there too, confirms that every interval holds the true count (an attacker's
conclusions must be right for the audit to mean anything).
"""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from wres_pipeline.audit import certificates, edition, programs, solver
from wres_pipeline.audit.edition import cells_of_fact
from wres_pipeline.disclosure.primary import Rules, primary_cells


@dataclass
class Finding:
    cell: tuple
    lo: float
    hi: float
    exact: bool
    undecided: bool
    shown: bool  # a spread of consistent values seen, not a bound
    latent: bool
    routes: list
    truth: float | None = None
    sensitive: bool = True  # a count the primary rules protect (all, without the truth)

    @property
    def recovered(self) -> bool:
        return self.lo == self.hi

    def label(self) -> str:
        year, level, area, ind, breakdown, group, role = self.cell
        what = {"x": "count", "n": "population"}[role]
        return f"{year} {level} {area} indicator {ind} {breakdown} {group} {what}"


@dataclass
class Audit:
    width: int
    findings: list = field(default_factory=list)
    seconds: float = 0.0
    solves: int = 0
    unsound: list = field(default_factory=list)
    broken: dict = field(default_factory=dict)  # certificate -> {count: the fact it breaks}
    conflicts: list = field(default_factory=list)  # one count shown with two values

    def failures(self) -> list:
        """Counts not shown protected: a sensitive one (a primary rule's) narrower than the
        width or undecided, any withheld one recovered exactly. A secondary suppression is no
        sensitive count; a count no table shows (a single year's disciplinary entries) matters
        only where it is sensitive."""
        return [f for f in self.findings
                if (f.sensitive and (f.hi - f.lo < self.width or f.undecided))
                or (f.recovered and not f.latent)]

    def by_year(self) -> dict:
        years = defaultdict(list)
        for f in self.findings:
            years[f.cell[0]].append(f)
        return dict(sorted(years.items()))


def _routes(problem, cells: list) -> dict:
    """The relations bearing on each count: those naming it, and those naming a count tied to
    it by a small relation (the same staff in another indicator, a window, a ratio)."""
    touching = defaultdict(list)
    for fact in problem.facts:
        for cell in edition.cells_of_fact(fact):
            touching[cell].append(fact)
    found = {}
    for cell in cells:
        routes = set()
        for fact in touching[cell]:
            routes.add(fact.route)
            near = edition.cells_of_fact(fact)
            if len(near) <= 4:
                routes.update(f.route for c in near for f in touching[c])
        found[cell] = routes
    return found


def _proven(problem, truth, internal: dict, settings: dict, widths: dict,
            width: int) -> tuple[dict, dict]:
    """({cell: Bounds} of the withheld counts the years' certificates show at least their
    width apart, {certificate: {cell: the fact it breaks}})."""
    if truth is None or not internal:
        return {}, {}
    withheld, kept = certificates.load(internal)
    if not kept:
        return {}, {}
    broken = certificates.check(problem, truth, kept, settings, set(internal))
    hidden, found = problem.hidden(), {}
    for cell, (lo, hi) in certificates.proven(withheld, kept, broken, truth).items():
        seen = programs.shown(lo, hi)  # whole numbers: the interval rounded inward
        if cell in hidden and cell not in problem.known \
                and seen.hi - seen.lo >= widths.get(cell, width):
            found[cell] = seen
    return found, {k: v for k, v in broken.items() if v}


def audit(published: Path, years: list[int] | None = None, width: int = 8,
          policy=None) -> Audit:
    """The attacker's audit of the public edition under `published` (`policy`: the primary
    rules that say which counts are sensitive, judged on the internal edition's counts)."""
    return audit_folders(edition.latest_folders(Path(published) / "public", years),
                         edition.latest_folders(Path(published) / "internal", years),
                         width, policy)


def audit_folders(folders: dict, internal: dict, width: int = 8, policy=None) -> Audit:
    """The audit of these public snapshots ({year: folder}), judged against these internal
    ones."""
    started, solves = time.perf_counter(), programs.STATS["runs"]
    problem, read = edition.read(folders)
    truth = edition.truth(internal) if internal else None
    # Which withheld counts the primary rules protect, judged on the true counts (a survey
    # answer count with its respondents); any other need only not be exact: width 1.
    rules = policy or Rules()
    hidden = problem.hidden()
    sensitive = set() if truth is None else set(primary_cells(
        {c: truth[c] for c in hidden | {(*c[:6], "n") for c in hidden} if c in truth},
        rules))
    widths = {} if truth is None else {c: 1 for c in hidden
                                       if c in truth and c not in sensitive}
    proofs, broken = _proven(problem, truth, internal, read.settings, widths, width)
    # A count no table shows needs no proof unless a primary rule protects it; nor does a count
    # of a year not audited that a year audited names (indicator 3's window of the first year).
    settled = frozenset(proofs) | {c for c in problem.latent if c not in sensitive} \
        | {c for fact in problem.facts for c in cells_of_fact(fact) if c[0] not in folders}
    bounds = solver.solve(problem, width, read.settings, truth, widths, settled)
    bounds = {c: b for c, b in bounds.items() if c not in proofs} | proofs
    routes = _routes(problem, [c for c, b in bounds.items() if b.hi - b.lo < width])
    result = Audit(width, conflicts=problem.conflicts, broken=broken)
    for cell, b in sorted(bounds.items(), key=lambda kv: repr(kv[0])):
        shown = ["shown in another table"] if cell in problem.known else []
        result.findings.append(Finding(cell, b.lo, b.hi, b.exact, b.undecided, b.shown,
                                       cell in problem.latent,
                                       shown or sorted(routes.get(cell, ()))))
    if truth is not None:
        for f in result.findings:
            f.truth = truth.get(f.cell)
            if f.truth is not None:
                f.sensitive = f.cell in sensitive
            elif f.recovered:  # not in the internal edition: judged by the value recovered
                f.sensitive = bool(primary_cells({f.cell: f.lo}, rules))
            # A bound must hold the true count; a spread seen need not reach it.
            if f.truth is not None and not f.shown and not f.lo <= f.truth <= f.hi:
                result.unsound.append(f)
    result.seconds = time.perf_counter() - started
    result.solves = programs.STATS["runs"] - solves
    return result


def lines(result: Audit) -> list[str]:
    """The audit as the command prints it: per year, then each count not protected."""
    out = [f"Disclosure audit: {len(result.findings)} withheld counts, protection width "
           f"{result.width} ({result.seconds:.1f} s, {result.solves} programs solved)"]
    out.append(f"{'year':>6} {'withheld':>9} {'recovered':>10} {'of them 1-7':>12} "
               f"{'narrower':>9} {'undecided':>10} {'narrowest':>10}")
    out.append("  (narrower: sensitive counts, a primary rule's, narrower than the width; "
               "narrowest: of them)")
    for year, found in result.by_year().items():
        recovered = [f for f in found if f.recovered]
        small = [f for f in recovered if f.truth is not None and 1 <= f.truth <= 7]
        narrow = [f for f in found if f.sensitive and f.hi - f.lo < result.width]
        undecided = [f for f in found if f.undecided and f.hi - f.lo >= result.width]
        narrowest = min((f.hi - f.lo for f in found if f.sensitive), default=None)
        out.append(f"{year:>6} {len(found):>9} {len(recovered):>10} {len(small):>12} "
                   f"{len(narrow):>9} {len(undecided):>10} "
                   f"{'-' if narrowest is None else f'{narrowest:g}':>10}")
    routes = Counter(r for f in result.failures() for r in f.routes)
    if routes:
        out.append("Relations touching the counts not protected:")
        out += [f"  {n:>6}  {route}" for route, n in routes.most_common()]
    for cell, first, second in result.conflicts:
        out.append(f"CONFLICT: {cell} is shown as {first:g} and as {second:g}")
    for f in result.unsound:
        out.append(f"UNSOUND: {f.label()}: [{f.lo}, {f.hi}] but the internal edition has "
                   f"{f.truth}")
    return out
