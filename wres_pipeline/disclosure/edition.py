"""A year's public edition under the disclosure model: the counts withheld (primary rules, then
secondary suppression) and the internal tables with every figure that rests on a withheld count
removed (figures.py says what each figure rests on).

A row keeps its labels; each figure resting on a withheld count is blank, and the row says so
(`suppressed`) and why (`suppression_reason`: the reason of the first withheld count, a
primary rule before a secondary suppression). Counts of earlier years (Model Employer's
baseline) are withheld where their own public edition withheld them.
"""

from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from wres_pipeline.audit import relations
from wres_pipeline.audit.edition import withheld_in
from wres_pipeline.disclosure import carried, figures, verdicts
from wres_pipeline.disclosure.certificates import certificate_tables
from wres_pipeline.disclosure.model import build
from wres_pipeline.disclosure.primary import Rules, primary_cells
from wres_pipeline.disclosure.suppression import SECONDARY, Protection, protect
from wres_pipeline.publish.snapshot import latest


def _blank(table: pa.Table, hidden: dict[str, list[bool]], reasons: list) -> pa.Table:
    for column, mask in hidden.items():
        values = table.column(column)
        blanked = pc.if_else(pa.array(mask), pa.scalar(None, values.type), values)
        table = table.set_column(table.schema.get_field_index(column), column, blanked)
    return table.append_column("suppressed", pa.array([r is not None for r in reasons])) \
        .append_column("suppression_reason", pa.array(reasons, pa.string()))


def _withhold(table: pa.Table, columns_of, withheld: dict, earlier: set) -> pa.Table:
    """Blank each column whose cells include a withheld one (`columns_of(row)`: {column:
    cells}); `earlier`: cells of earlier years their public editions withheld."""
    hidden = defaultdict(lambda: [False] * table.num_rows)
    reasons = []
    for i, row in enumerate(table.to_pylist()):
        why = None
        for column, cells in columns_of(row).items():
            found = [withheld[c] for c in cells if c in withheld]
            found += ["withheld by the public edition of its year" for c in cells
                      if c in earlier]
            if found:
                hidden[column][i] = True
                primary = [f for f in found if f != SECONDARY]
                why = why if why and why != SECONDARY else (primary or found)[0]
        reasons.append(why)
    return _blank(table, dict(hidden), reasons)


def public_indicators(indicators: pa.Table, withheld: dict,
                      verdicts_kept: dict | None = None) -> pa.Table:
    """The indicators; a likelihood in `verdicts_kept` ({(year, level, area, indicator,
    breakdown): flags}) keeps those flags where its value is withheld (verdicts.py)."""
    verdicts_kept = verdicts_kept or {}

    def columns_of(row):
        columns = figures.indicator_columns(row)
        key = (row["year"], row["level"], row["area_code"], row["indicator"], row["breakdown"])
        kept = verdicts_kept.get(key, ()) if row["measure"] == "relative_likelihood" else ()
        return {c: cells for c, cells in columns.items() if c not in kept}
    return _withhold(indicators, columns_of, withheld, set())


def public_model_employer(model: pa.Table, withheld: dict, organisations: pa.Table,
                          baseline_year: int | None, earlier: set) -> pa.Table:
    """A band's figures; an area's targets rest on its trusts' counts too."""
    trusts = defaultdict(list)
    members = relations.memberships({None: [
        (r["organisation_code"], r["icb_code"], r["region_code"], r["trust_type"])
        for r in organisations.to_pylist()]})
    for (_, level, code), parents in members.items():
        if level == "trust":
            for parent in parents.items():
                trusts[parent].append(code)

    def columns_of(row):
        return figures.model_employer_columns(row, baseline_year,
                                              trusts.get((row["level"], row["area_code"]), []))
    return _withhold(model, columns_of, withheld, earlier)


def public_data_quality(trusts: pa.Table, withheld: dict) -> pa.Table:
    return _withhold(trusts, figures.data_quality_columns, withheld, set())


def withheld_cells(tables: dict[str, pa.Table], rules: Rules, pools: dict[str, list[str]],
                   disciplinary: list[dict], before: tuple[dict, dict] = ({}, {})) -> Protection:
    """The counts a year's public edition withholds ({cell: reason}) and the perturbations
    that prove each protected (`pools`: each pooled senior band and the bands it sums;
    `disciplinary`: the single-year entries into a disciplinary process; `before`: the year
    before's proof, carried.previous_proof)."""
    if not tables["indicators"].num_rows:
        return Protection({})
    year = tables["indicators"].column("year")[0].as_py()
    model = build(year, tables, pools, disciplinary)
    carried.attach(model, *before)
    primary = primary_cells(model.values, rules)
    z = verdicts.z_of(rules.confidence)
    verdicts.propose(model, primary, tables["indicators"], z, rules.protection_width)
    found = protect(model, primary, rules.protection_width,
                    carried.to_carry(model, *before))
    carried.carry_proofs(found, *before)
    found.verdicts = verdicts.confirmed(
        model, found, verdicts.candidates(tables["indicators"], found.withheld), z)
    return found


def public_tables(tables: dict[str, pa.Table], rules: Rules, pools: dict[str, list[str]],
                  disciplinary: list[dict], baseline: tuple[int, set] | None = None,
                  found: Protection | None = None) -> dict[str, pa.Table]:
    """The public edition of a year's internal tables (`baseline`: Model Employer's baseline
    year and the counts its public edition withheld; `found`: the protection, if decided)."""
    found = found or withheld_cells(tables, rules, pools, disciplinary)
    withheld = found.withheld
    base_year, base_withheld = baseline or (None, set())
    return dict(tables) | {
        "indicators": public_indicators(tables["indicators"], withheld, found.verdicts),
        "model_employer": public_model_employer(
            tables["model_employer"], withheld, tables["organisations"], base_year,
            base_withheld),
        "data_quality_trusts": public_data_quality(tables["data_quality_trusts"], withheld),
    }


DISTRIBUTION_FIGURES = ("trusts", "trusts_zero_reference", "trusts_excluded",
                        "excluded_reasons", "lower_quartile", "median", "upper_quartile",
                        "minimum", "maximum", "trusts_above_range",
                        "trusts_adverse_significant", "percent_above_range",
                        "percent_adverse_significant")


def public_distribution(distribution: pa.Table, indicators: pa.Table | None) -> pa.Table:
    """The trust distribution, withheld where any trust's figure of it is: its extremes and
    quantiles are trusts' values, and its counts of trusts sum their flags (`indicators`: the
    public indicators; None withholds nothing)."""
    rows = [] if indicators is None else indicators.select(
        ["level", "indicator", "measure", "breakdown", "suppressed"]).to_pylist()
    hidden = {(r["indicator"], r["measure"], r["breakdown"]) for r in rows
              if r["level"] == "trust" and r["suppressed"]}
    mask = [(r["indicator"], r["measure"], r["breakdown"]) in hidden for r in
            distribution.select(["indicator", "measure", "breakdown"]).to_pylist()]
    why = "rests on trusts' figures the public edition withholds"
    columns = [c for c in DISTRIBUTION_FIGURES if c in distribution.column_names]
    return _blank(distribution, dict.fromkeys(columns, mask),
                  [why if m else None for m in mask])


def rules_of(publishing, confidence: float = 0.95) -> Rules:
    """The primary rules and protection width of the [publish] settings (`confidence`: the
    [method] level of the intervals whose significance flags verdicts publish)."""
    return Rules(publishing.disclosure_threshold, publishing.survey_minimum_respondents,
                 publishing.board_published_in_full, publishing.protection_width, confidence)


def public_edition(tables: dict[str, pa.Table], rules: Rules, pools: dict[str, list[str]],
                   disciplinary: list[dict], baseline: tuple[int, set],
                   before: tuple[dict, dict] = ({}, {})) -> tuple[dict, dict]:
    """The public edition under the model (every figure resting on a withheld count removed,
    the trust distribution's with any trust's), and the internal edition's tables of what it
    withholds and the certificates that prove it, the year before's carried (certificates.py,
    carried.py)."""
    found = withheld_cells(tables, rules, pools, disciplinary, before)
    public = public_tables(tables, rules, pools, disciplinary, baseline, found)
    public["trust_distribution"] = public_distribution(tables["trust_distribution"],
                                                       public["indicators"])
    return public, certificate_tables(found)


def baseline_withheld(public_root: Path, year: int, baseline_year: int) -> tuple[int, set]:
    """Model Employer's baseline year and the counts its latest public snapshot withheld (none
    for the baseline year itself, whose counts this year's model decides)."""
    snapshot = latest(public_root, baseline_year) if year > baseline_year else None
    if not snapshot:
        return baseline_year, set()
    return baseline_year, withheld_in(public_root / str(baseline_year) / snapshot, baseline_year)
