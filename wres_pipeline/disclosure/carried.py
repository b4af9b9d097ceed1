"""The year before's withheld counts that this year's figures tie to its own.

Indicator 3's window pools two years: this year's population less this year's staff is the year
before's staff, and this year's entries less this year's single-year ones are the year before's.
Where the year before withheld such a count, or its proof moves one (the two certificates each
withheld count has in its internal edition, suppression.py), each such certificate
must be carried into this year by a perturbation of this year's counts that keeps every
relation with the year before's counts moved exactly as the certificate moves them. The two
together (the carried certificate) keep every figure of both years, and this year's internal
edition keeps them as the withheld count's proof. A shown count the carrying perturbation moves
becomes a secondary suppression, as any other.
"""

from pathlib import Path

from wres_pipeline.disclosure.certificates import in_use, read_folder
from wres_pipeline.publish.snapshot import latest


def previous_proof(internal_root: Path, year: int) -> tuple[dict, dict]:
    """({cell: (reason, up, down)}, {certificate: {cell: change}}) kept by the year before's
    latest internal snapshot (empty where it keeps none: a first year, or the old rules)."""
    snapshot = latest(Path(internal_root), year - 1)
    if not snapshot:
        return {}, {}
    return read_folder(Path(internal_root) / str(year - 1) / snapshot) or ({}, {})


def attach(model, withheld_before: dict, certificates: dict) -> None:
    """Add to the model, as `model.earlier`, the year before's counts its relations name that
    the year before withheld or its certificates move (a single year's disciplinary entries),
    with their true values (a window's population less this year's staff, its entries less
    this year's)."""
    moving = set(withheld_before)
    for key in in_use(withheld_before):
        moving.update(certificates.get(key, {}))
    for terms, lo, hi in model.rows:
        earlier = [c for c, v in terms.items() if c[0] < model.year and v == 1.0]
        rest = {c: v for c, v in terms.items() if c not in earlier}
        if lo != hi or len(earlier) != 1 or earlier[0] not in moving \
                or not all(c in model.values for c in rest):
            continue
        model.earlier[earlier[0]] = lo - sum(v * model.values[c] for c, v in rest.items())


def next_entries(model, moves: dict) -> dict:
    """This year's single-year entries that follow the year before's a certificate moves, at
    no change: the carried certificate says how they move (the audit carries a single year's
    move along the windows only as far as a certificate is silent)."""
    return {(model.year, *c[1:]): 0.0 for c in moves if c[4] == "single_year"
            and (model.year, *c[1:]) in model.values}


def to_carry(model, withheld_before: dict, certificates: dict) -> dict:
    """{certificate of the year before: its changes} for every certificate a withheld count
    rests on that moves a count this year ties to (`model.earlier`)."""
    return {key: certificates[key] for key in sorted(in_use(withheld_before))
            if key in certificates and any(c in model.earlier and v
                                           for c, v in certificates[key].items())}


def carry_proofs(found, withheld_before: dict, certificates: dict) -> None:
    """Name, in `found.carried`, the proof of each of the year before's withheld counts one of
    whose certificates this year carried (`found.extended`: {certificate: the carried one's
    solution}); its other certificate, untouched by this year, is kept as it was."""
    copies = {}
    for cell, (_, up, down) in sorted(withheld_before.items(), key=lambda i: str(i[0])):
        if not any(k in found.extended for k in (up, down) if k is not None):
            continue
        ends = []
        for key in (up, down):
            if key is None:
                ends.append(None)
            elif key in found.extended:
                ends.append(found.extended[key])
            else:
                if key not in copies:
                    found.solutions.append(dict(certificates[key]))
                    copies[key] = len(found.solutions) - 1
                ends.append(copies[key])
        found.carried[cell] = tuple(ends)
