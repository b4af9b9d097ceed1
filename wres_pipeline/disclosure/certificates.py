"""The proof of a year's public edition, kept in its internal edition: every withheld count with
its reason, and the certificates (suppression.py's perturbations) that move each furthest up
and down. The audit reads them back and checks each against everything published in every
year (wres_pipeline/audit/certificates.py), so a withheld count is shown protected without
solving a program for it.
"""

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

# The year before's withheld counts whose proof a year carries (carried.py) are listed again,
# with the carried certificates: a later year's proof of a count stands for the earlier one's.
CARRIED = "withheld by the public edition of its year, its proof carried"

CELL = ("year", "level", "area_code", "indicator", "breakdown", "group", "role")


def certificate_tables(found) -> dict[str, pa.Table]:
    """{"disclosure_withheld": ..., "disclosure_certificates": ...} of a protection; only the
    certificates some withheld count needs, numbered from 0 in the order first needed."""
    number = {}
    withheld = []
    proofs = [(cell, found.withheld[cell], found.up.get(cell), found.down.get(cell))
              for cell in sorted(found.withheld, key=str)]
    proofs += [(cell, CARRIED, *found.carried[cell]) for cell in sorted(found.carried, key=str)]
    for cell, reason, *chosen in proofs:
        ends = []
        for solution in chosen:
            if solution is not None:
                number.setdefault(solution, len(number))
            ends.append(None if solution is None else number[solution])
        withheld.append((*cell, reason, *ends))
    certificates = [(n, *cell, change) for solution, n in number.items()
                    for cell, change in sorted(found.solutions[solution].items(), key=str)]
    names = (*CELL, "reason", "certificate_up", "certificate_down")
    return {"disclosure_withheld": _table(names, withheld),
            "disclosure_certificates": _table(("certificate", *CELL, "change"), certificates)}


def _table(names: tuple, rows: list) -> pa.Table:
    return pa.table({name: [r[i] for r in rows] for i, name in enumerate(names)})


def read(rows_withheld: list[dict], rows_certificates: list[dict]) -> tuple[dict, dict]:
    """({cell: (reason, up, down)}, {certificate: {cell: change}}) from the two tables' rows."""
    withheld = {tuple(r[c] for c in CELL): (r["reason"], r["certificate_up"],
                                             r["certificate_down"]) for r in rows_withheld}
    certificates = {}
    for r in rows_certificates:
        certificates.setdefault(r["certificate"], {})[tuple(r[c] for c in CELL)] = r["change"]
    return withheld, certificates


def read_folder(folder: Path) -> tuple[dict, dict] | None:
    """`read` of an internal snapshot's two tables, or None where it keeps none (the old
    rules)."""
    paths = [Path(folder) / f"disclosure_{t}.parquet" for t in ("withheld", "certificates")]
    if not all(p.exists() for p in paths):
        return None
    return read(*(pq.read_table(p).to_pylist() for p in paths))


def in_use(withheld: dict) -> set:
    """The certificates the withheld counts ({cell: (reason, up, down)}) rest on."""
    return {k for _, up, down in withheld.values() for k in (up, down) if k is not None}
