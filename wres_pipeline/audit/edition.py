"""An edition's published tables of every year, read into one attacker's problem.

The audit reads what a member of the public can download: each year's snapshots under
`published/<edition>/<year>/` (the latest, or every one still there) and nothing else. The method
settings an attacker needs (confidence level, rounding, pooled bands, baseline year) are in each
snapshot's manifest, as published.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import NormalDist

import pyarrow.parquet as pq

from wres_pipeline.audit import links, public_facts, relations
from wres_pipeline.audit.facts import Gap, Likelihood, Linear, Problem, Ratio
from wres_pipeline.publish.snapshot import latest, published_years
from wres_pipeline.resources import pooled_band_name

TABLES = ("organisations", "indicators", "model_employer", "data_quality_trusts", "trends")


@dataclass
class Edition:
    """The snapshots read: {year: folder}, and the method settings they were built with."""

    folders: dict[int, Path]
    method: dict = field(default_factory=dict)

    @property
    def settings(self) -> dict:
        confidence = self.method.get("confidence", 0.95)
        return {"z": NormalDist().inv_cdf(1 - (1 - confidence) / 2),
                "low": self.method.get("non_adverse_low", 0.8),
                "high": self.method.get("non_adverse_high", 1.25)}


def latest_folders(edition_root: Path, years: list[int] | None = None) -> dict[int, Path]:
    """{year: the folder its LATEST names} for every published year (or those asked for)."""
    root = Path(edition_root)
    return {y: root / str(y) / latest(root, y) for y in published_years(root)
            if years is None or y in years}


def _rows(folder: Path, table: str) -> list[dict]:
    path = folder / f"{table}.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


def read(folders: dict[int, Path]) -> tuple[Problem, Edition]:
    """The problem an attacker faces, holding every one of these snapshots."""
    problem, edition, members, windows = _read_tables(folders)
    cells = cells_of(problem)
    links.same_people(problem, cells)
    links.disciplinary_window(problem, cells, windows)
    cells = cells_of(problem)
    pooled = edition.method.get("model_employer_pooled_bands") or []
    pools = {pooled_band_name(pooled): pooled} if pooled else {}
    # Sums hold only among a year's whole tables, not the few earlier figures a trend shows.
    whole = {c for c in cells if c[0] in folders}
    for fact in (relations.area_facts(whole, members) + relations.group_facts(whole)
                 + relations.breakdown_facts(whole, pools)):
        problem.add(fact)
    return problem, edition


def _read_tables(folders: dict[int, Path]) -> tuple:
    """Every row of the snapshots read into a problem (the counts and what the rows say), with
    the trusts' areas and indicator 3's windows the relations need."""
    edition = Edition(dict(folders))
    problem = Problem()
    tables = {year: {t: _rows(folder, t) for t in TABLES} for year, folder in folders.items()}
    if folders:  # the latest year's method settings
        manifest = json.loads((folders[max(folders)] / "manifest.json").read_text())
        edition.method = manifest.get("method", {})
    decimals = edition.method.get("withheld_likelihood_decimals")
    members = relations.memberships({
        year: [(r["organisation_code"], r["icb_code"], r["region_code"], r["trust_type"])
               for r in t["organisations"]] for year, t in tables.items()})
    windows = {}
    for year, t in sorted(tables.items()):
        for row in t["indicators"]:
            public_facts.read_indicator_row(problem, row, decimals)
            if row["indicator"] == 3 and row["level"] == "trust" and row["measure"] == "rate":
                windows[(year, row["area_code"])] = links.window_years(row.get("detail"))
        targets = _targets(t["model_employer"], members)
        for row in t["model_employer"]:
            links.model_employer_row(problem, row,
                                     edition.method.get("model_employer_baseline_year"), targets)
        for row in t["data_quality_trusts"]:
            public_facts.read_data_quality_row(problem, row)
        for row in t["trends"]:
            public_facts.read_trend_row(problem, row, decimals)
    return problem, edition, members, windows


def withheld_in(folder: Path, year: int) -> set:
    """The counts a published snapshot withholds (and no table of it shows)."""
    problem = _read_tables({year: folder})[0]
    return problem.withheld - set(problem.known)


def truth(folders: dict[int, Path]) -> dict:
    """Every count of the internal edition's snapshots, the single-year disciplinary counts of
    their exchange folders included: what the audit checks an attacker's bounds against."""
    known = dict(_read_tables(folders)[0].known)
    for folder in folders.values():
        path = folder / "exchange" / "disciplinary_inputs.parquet"
        if path.exists():
            known.update(links.single_year_counts(pq.read_table(path).to_pylist()))
    return known


def _targets(rows: list[dict], members: dict) -> dict:
    """{(year, level, area, band): trusts with a target in the band}: an area's gap in people
    is over these trusts only."""
    found = defaultdict(list)
    for row in rows:
        if row["level"] == "trust" and row.get("null_reason") is None \
                and row.get("trusts_with_target"):
            parents = members.get((row["year"], "trust", row["area_code"]), {})
            for level, code in parents.items():
                found[(row["year"], level, code, row["band"])].append(row["area_code"])
    return found


def cells_of_fact(fact) -> tuple:
    """The counts a fact names."""
    if isinstance(fact, Linear):
        return tuple(fact.terms)
    if isinstance(fact, Ratio):
        return (*fact.numerator, *fact.denominator)
    if isinstance(fact, Gap):
        return (fact.x1, fact.n1, fact.x2, fact.n2)
    if isinstance(fact, Likelihood):
        return (fact.a1, fact.n1, fact.a2, fact.n2)
    raise TypeError(fact)


def cells_of(problem: Problem) -> set:
    """Every count the problem names."""
    cells = set(problem.known) | problem.withheld | problem.latent
    for fact in problem.facts:
        cells.update(cells_of_fact(fact))
    return cells
