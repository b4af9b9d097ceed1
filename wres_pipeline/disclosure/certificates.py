"""The proof of a year's public edition, kept in its internal edition: every withheld count with
its reason, and the certificates (suppression.py's perturbations) that move each furthest up
and down. The audit reads them back and checks each against everything published in every
year (wres_pipeline/audit/certificates.py), so a withheld count is shown protected without
solving a program for it.
"""

import pyarrow as pa

CELL = ("year", "level", "area_code", "indicator", "breakdown", "group", "role")


def certificate_tables(found) -> dict[str, pa.Table]:
    """{"disclosure_withheld": ..., "disclosure_certificates": ...} of a protection; only the
    certificates some withheld count needs, numbered from 0 in the order first needed."""
    number = {}
    withheld = []
    for cell in sorted(found.withheld, key=str):
        ends = []
        for chosen in (found.up, found.down):
            solution = chosen.get(cell)
            if solution is not None:
                number.setdefault(solution, len(number))
            ends.append(None if solution is None else number[solution])
        withheld.append((*cell, found.withheld[cell], *ends))
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
