"""Verdicts on hand-made tables: a withheld likelihood keeps its significance flags where they
cannot narrow the counts it rests on, loses them where they would, and the attacker's audit
reading the flags still finds every withheld count protected."""

from tests.audit.tables import areas_of, likelihood, protected, publish, row
from wres_pipeline.audit.report import audit

# Indicator 3 by trust: (BME entries, BME staff, White entries, White staff).
EVENTS = {"A": (3, 400, 60, 4000), "B": (30, 600, 40, 4000), "C": (2, 60, 40, 4000)}


def _rates(level, area, counts) -> list[dict]:
    bme, bme_staff, white, white_staff = counts
    return [row(2019, level, area, 3, "rate", "all", g, x, n, 100 * x / n,
                detail="window_years=1")
            for g, x, n in (("BME", bme, bme_staff), ("White", white, white_staff))]


def _rows() -> list[dict]:
    rows = []
    for trust, counts in EVENTS.items():
        rows += _rates("trust", trust, counts)
        rows.append(likelihood(2019, "trust", trust, 3, *counts))
    as_dicts = {t: dict(enumerate(c)) for t, c in EVENTS.items()}
    rows += areas_of(as_dicts, lambda level, area, c: _rates(level, area, tuple(c.values())))
    return rows


DISCIPLINARY = [{"year": 2019, "organisation_code": t, "wres_group": g, "entered": e}
                for t, (bme, _, white, _) in EVENTS.items()
                for g, e in (("bme", bme), ("white", white))]


def _public(rows: list[dict]) -> dict:
    return protected(2019, rows, disciplinary=DISCIPLINARY)


def _likelihoods(public: dict) -> dict:
    return {r["area_code"]: r for r in public["indicators"]
            if r["measure"] == "relative_likelihood"}


def test_a_withheld_likelihood_keeps_flags_that_cannot_give_its_counts_away():
    found = _likelihoods(_public(_rows()))
    # A's 3 BME entries are withheld; 1 to 11 entries would all be "not significant", so the
    # flags stay, but the value, its interval and the non-adverse range's flag go.
    a = found["A"]
    assert a["suppressed"] and a["value"] is None and a["ci_lower"] is None
    assert (a["significant"], a["adverse_significant"]) == (False, False)
    assert a["outside_non_adverse_range"] is None
    # C's 2 of 60 would be "significantly adverse" at 3: the flags would give 0-2 away.
    c = found["C"]
    assert c["suppressed"] and c["significant"] is None and c["adverse_significant"] is None


def test_the_audit_reading_the_flags_finds_the_counts_protected(tmp_path):
    rows = _rows()
    public = _public(rows)
    result = audit(publish(tmp_path, {2019: {"internal": {"indicators": rows},
                                             "public": public}}), width=8)
    assert not result.failures(), [(f.cell, f.lo, f.hi) for f in result.failures()]
    assert not result.unsound
    findings = {f.cell: f for f in result.findings}
    a = findings[(2019, "trust", "A", 3, "all", "BME", "x")]
    assert a.hi - a.lo >= 8, (a.lo, a.hi)
