"""The audit as the publish step's blocking check: a year's candidate editions audited with the
published years tied to it, before anything is written."""

import pyarrow as pa

from tests.audit.tables import METHOD, ORGANISATIONS, protected, publish
from tests.audit.test_routes import _staff_rows
from wres_pipeline.audit.gate import audit_candidate, tied_years
from wres_pipeline.disclosure.primary import Rules

ORGS = [{"organisation_code": c, "icb_code": i, "region_code": r, "trust_type": t}
        for c, i, r, t in ORGANISATIONS]


def _candidate(year: int, reveal: bool = False) -> tuple[dict, dict]:
    rows, proof = _staff_rows(year), {}
    public = protected(year, rows, proof=proof)["indicators"]
    if reveal:  # a withheld count shown after all
        truth = {(r["area_code"], r["group"], r["breakdown"]): r["numerator"] for r in rows}
        public = [{**r, "numerator": truth[(r["area_code"], r["group"], r["breakdown"])]}
                  if r["suppressed"] and r["area_code"] == "A" else r for r in public]
    tables = {"organisations": pa.Table.from_pylist(ORGS)}
    public_tables = tables | {"indicators": pa.Table.from_pylist(public)}
    internal = tables | {"indicators": pa.Table.from_pylist(rows)} | {
        name: pa.Table.from_pylist(data) for name, data in proof.items()}
    return public_tables, internal


def test_a_protected_year_passes_with_the_years_published_beside_it(tmp_path):
    rows, proof = _staff_rows(2018), {}
    earlier = protected(2018, rows, proof=proof)
    root = publish(tmp_path, {2018: {"internal": {"indicators": rows, **proof},
                                     "public": earlier}})
    public, internal = _candidate(2019)
    result = audit_candidate(root, 2019, public, internal, {}, METHOD, 8, Rules())
    assert not result.failures() and not result.unsound
    assert {f.cell[0] for f in result.findings} == {2018, 2019}
    # The scratch folder is gone: only the published years are there.
    assert sorted(p.name for p in (root / "public").iterdir()) == ["2018"]


def test_a_candidate_that_shows_a_withheld_count_fails(tmp_path):
    public, internal = _candidate(2019, reveal=True)
    result = audit_candidate(tmp_path, 2019, public, internal, {}, METHOD, 8, Rules())
    assert any(f.cell[2] == "A" for f in result.failures())


def test_the_years_tied_to_a_year():
    assert tied_years(2020, [2015, 2018, 2019, 2021, 2022], 2018) == [2018, 2019, 2021, 2020]
    assert tied_years(2015, [], 2018) == [2015]
