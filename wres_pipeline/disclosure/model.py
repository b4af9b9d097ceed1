"""A year's disclosure model, built from its internal tables: every count it publishes (a cell,
with its true value), the single-year disciplinary counts no table shows, and every linear
relation an attacker knows among them.

The relations are the audit's own (wres_pipeline/audit/relations.py from
`reference/disclosure_hierarchies.csv`, and the method's links of audit/links.py), plus that no
group has more events or answers than people. Counts of other years enter as fixed values: a
year is protected against what earlier years published, which cannot change, and the year
before's withheld counts its relations name keep their proof (carried.py).
"""

import math
from dataclasses import dataclass, field

from wres_pipeline.audit import links, relations
from wres_pipeline.audit.facts import Linear, Problem
from wres_pipeline.disclosure import figures


@dataclass
class Model:
    """Cells with their true values, the latent ones, and rows (terms, lo, hi) over cells."""

    year: int
    values: dict = field(default_factory=dict)
    latent: set = field(default_factory=set)
    rows: list = field(default_factory=list)
    members: dict = field(default_factory=dict)  # (year, level, code) -> {parent level: code}
    bounds: dict = field(default_factory=dict)  # cell -> (lo, hi) its perturbations keep to
    earlier: dict = field(default_factory=dict)  # the year before's withheld counts (carried.py)

    def value(self, cell: tuple) -> float:
        """A count's true value, this year's or an earlier one's the model holds."""
        return self.values[cell] if cell in self.values else self.earlier[cell]


def _count(model: Model, cells: tuple, value) -> None:
    if len(cells) == 1 and value is not None:
        model.values[cells[0]] = float(value)


def build(year: int, tables: dict, pools: dict, disciplinary: list[dict]) -> Model:
    """The model of one year's internal tables (`disciplinary`: the single-year entries into a
    disciplinary process by trust and group, this year's and last year's)."""
    model = Model(year)
    model.members = relations.memberships({year: [
        (r["organisation_code"], r["icb_code"], r["region_code"], r["trust_type"])
        for r in tables["organisations"].to_pylist()]})
    windows = {}
    for row in tables["indicators"].to_pylist():
        for column, cells in figures.indicator_columns(row).items():
            if column in ("numerator", "denominator"):
                _count(model, cells, row[column])
        if row["indicator"] == 3 and row["level"] == "trust" and row["measure"] == "rate":
            windows[(year, row["area_code"])] = links.window_years(row.get("detail"))
    for row in tables["model_employer"].to_pylist():
        columns = figures.model_employer_columns(row, None, [])
        _count(model, columns["headcount"], row["headcount"])
        _count(model, columns["bme_headcount"], row["bme_headcount"])
    for row in tables["data_quality_trusts"].to_pylist():
        columns = figures.data_quality_columns(row)
        _count(model, columns["esr_headcount"], row["esr_headcount"])
        _count(model, columns["esr_unknown"], row["esr_unknown"])
    model.values.update(links.single_year_counts(
        [row for row in disciplinary if row["year"] == year]))
    _relate(model, pools, windows)
    return model


def _relate(model: Model, pools: dict, windows: dict) -> None:
    cells = set(model.values)
    problem = Problem()  # the audit's link builders record their facts on a problem
    links.same_people(problem, cells)
    links.disciplinary_window(problem, cells, windows)
    model.latent = {c for c in problem.latent if c[0] == model.year}
    facts = problem.facts + relations.area_facts(cells, model.members) \
        + relations.group_facts(cells) + relations.breakdown_facts(cells, pools)
    facts += [Linear({x: 1.0, (*x[:6], "n"): -1.0}, -math.inf, 0.0, "events within people")
              for x in cells if x[6] == "x" and 2 <= x[3] <= 8 and (*x[:6], "n") in cells]
    # In a fixed order, whatever order the sets they were built from came in: the programs,
    # and so the counts withheld, are then the same in every process.
    model.rows = sorted(((dict(sorted(f.terms.items(), key=str)), f.lo, f.hi) for f in facts),
                        key=lambda r: (str(list(r[0].items())), r[1], r[2]))
