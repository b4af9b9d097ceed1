"""The audit reads each year's certificates back from its internal edition and checks them
against everything published: a certificate that holds shows its counts protected without a
program; one that a published figure contradicts proves nothing, and the attacker's programs
decide those counts."""

from tests.audit.tables import protected, publish
from tests.audit.test_routes import _staff_rows
from wres_pipeline.audit.report import audit

A_BME = (2019, "trust", "A", 1, "all", "BME", "x")


def _published(tmp_path, tamper=None):
    rows, proof = _staff_rows(), {}
    public = protected(2019, rows, proof=proof)
    if tamper:
        public["indicators"] = [tamper(r) for r in public["indicators"]]
    internal = {"indicators": rows, **proof}
    return publish(tmp_path, {2019: {"internal": internal, "public": public}}), rows


def test_holding_certificates_show_the_withheld_counts_protected(tmp_path):
    root, _ = _published(tmp_path)
    result = audit(root, width=8)
    assert not result.failures() and not result.broken
    found = {f.cell: f for f in result.findings}
    a = found[A_BME]
    assert a.shown and a.hi - a.lo >= 8 and a.lo <= 3 <= a.hi
    # Every withheld count was shown protected by a certificate: no program was solved.
    assert result.solves == 0


def test_a_certificate_a_published_count_contradicts_proves_nothing(tmp_path):
    truth = {(r["area_code"], r["group"]): r["numerator"] for r in _staff_rows()
             if r["level"] == "trust" and r["breakdown"] == "all"}

    def reveal(row):  # the secondary suppression undone: another trust's count shown
        if row["suppressed"] and row["area_code"] != "A" and row["level"] == "trust":
            return {**row, "numerator": truth[(row["area_code"], row["group"])]}
        return row

    root, _ = _published(tmp_path, reveal)
    result = audit(root, width=8)
    assert any("is shown" in why for parts in result.broken.values() for why in parts.values())
    # The programs take over and find A's count given back.
    assert A_BME in {f.cell for f in result.failures()}
