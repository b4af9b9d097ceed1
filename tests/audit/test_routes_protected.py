"""Each of issue 32's routes, closed: the same hand-made tables as test_routes.py, where the
old rules' public edition gave a withheld count back, published through the disclosure model
(primary rules, secondary suppression, every figure resting on a withheld count withheld), and
the attacker's audit finds every withheld count protected."""


from tests.audit.tables import protected, publish, row, shares
from tests.audit.test_routes import STAFF, _staff_rows
from wres_pipeline.audit.report import audit
from wres_pipeline.disclosure.certificates import CARRIED

A_BME = (2019, "trust", "A", 1, "all", "BME", "x")


def _audited(tmp_path, years: dict) -> dict:
    """{year: (internal rows by table, public rows by table)} audited together."""
    editions = {y: {"internal": internal, "public": public}
                for y, (internal, public) in years.items()}
    return audit(publish(tmp_path, editions), width=8)


def _assert_protected(result, *cells):
    found = {f.cell: f for f in result.findings}
    assert not result.failures(), [(f.cell, f.lo, f.hi) for f in result.failures()]
    assert not result.unsound
    for cell in cells:
        assert found[cell].hi - found[cell].lo >= 8, (cell, found[cell].lo, found[cell].hi)


def test_a_small_trust_count_is_not_given_back_by_its_areas(tmp_path):
    rows = _staff_rows()
    public = protected(2019, rows)
    withheld = [r for r in public["indicators"] if r["suppressed"]]
    assert any(r["area_code"] == "A" and r["group"] == "BME" and r["numerator"] is None
               for r in withheld)
    # Every area's figures stay: the trusts offset one another.
    assert all(r["numerator"] is not None for r in public["indicators"]
               if r["level"] != "trust")
    _assert_protected(_audited(tmp_path, {2019: ({"indicators": rows}, public)}), A_BME)


def test_a_likelihood_on_withheld_events_is_withheld_whole(tmp_path):
    events = {"A": (2, 2), "B": (0, 9), "C": (12, 14)}  # (BME, White) entries
    rows = _staff_rows()
    for t, (bme, white) in events.items():
        rows += [row(2019, "trust", t, 3, "rate", "all", g, e, STAFF[t][g],
                     100 * e / STAFF[t][g], detail="window_years=1")
                 for g, e in (("BME", bme), ("White", white))]
    rows += [row(2019, "trust", "A", 3, "relative_likelihood", "all", "all", value=1.15,
                 ci_lower=0.3, ci_upper=4.2, significant=False, adverse_significant=False,
                 outside_non_adverse_range=False)]
    public = protected(2019, rows)
    ratio = next(r for r in public["indicators"] if r["measure"] == "relative_likelihood")
    assert ratio["suppressed"] and ratio["value"] is None and ratio["significant"] is None
    _assert_protected(_audited(tmp_path, {2019: ({"indicators": rows}, public)}),
                      (2019, "trust", "A", 3, "all", "BME", "x"))


def test_the_board_gap_and_unknown_share_do_not_give_the_headcount_back(tmp_path):
    rows = [r for r in _staff_rows() if r["level"] == "trust"]
    a = STAFF["A"]
    total = sum(a.values())
    rows += shares(2019, "trust", "A", "board_voting", {"White": 8, "BME": 2, "Unknown": 0},
                   indicator=9)
    rows += shares(2019, "trust", "A", "workforce", a, indicator=9)
    rows += [row(2019, "trust", "A", 9, "gap_pp", "board_voting", "all",
                 value=100 * 2 / 10 - 100 * a["BME"] / total),
             row(2019, "trust", "A", 4, "unknown_share", "all", "Unknown", a["Unknown"], total,
                 100 * a["Unknown"] / total)]
    public = protected(2019, rows)
    gap = next(r for r in public["indicators"] if r["measure"] == "gap_pp")
    board = [r for r in public["indicators"] if r["breakdown"] == "board_voting"
             and r["measure"] == "share"]
    assert gap["value"] is None and all(r["numerator"] is not None for r in board)
    _assert_protected(_audited(tmp_path, {2019: ({"indicators": rows}, public)}), A_BME)


def test_a_count_is_withheld_in_every_table_that_shows_it(tmp_path):
    rows = _staff_rows()
    quality = [{"year": 2019, "organisation_code": "A", "esr_headcount": 45, "esr_unknown": 2,
                "unknown_share": 100 * 2 / 45, "declared_headcount": 44,
                "declared_difference": 100 * (44 - 45) / 45}]
    public = protected(2019, rows, data_quality=quality)
    shown = {(r["group"], r["numerator"]) for r in public["indicators"]
             if r["area_code"] == "A" and r["breakdown"] == "all"}
    dq = public["data_quality_trusts"][0]
    # The quality table shows a count exactly where indicator 1 does.
    assert (dq["esr_unknown"] is not None) == (("Unknown", 2) in shown)
    result = _audited(tmp_path, {2019: ({"indicators": rows, "data_quality_trusts": quality},
                                        public)})
    _assert_protected(result, A_BME)


def test_differenced_windows_do_not_give_single_year_counts(tmp_path):
    years, inputs = {}, {2019: 5, 2020: 4}
    for year, (pooled, entries) in {2019: (1, 5), 2020: (2, 9)}.items():
        rows = _staff_rows(year)
        rows += [row(year, "trust", t, 3, "rate", "all", g, e, STAFF[t][g] * pooled,
                     100 * e / (STAFF[t][g] * pooled), detail=f"window_years={pooled}")
                 for t, g, e in (("B", "BME", entries), ("B", "White", 30), ("C", "BME", 12),
                                 ("C", "White", 40))]
        disciplinary = [{"year": year, "organisation_code": "B", "wres_group": "bme",
                         "entered": inputs[year]}]
        public = protected(year, rows, disciplinary=disciplinary)
        years[year] = ({"indicators": rows, "exchange": {
            "disciplinary_inputs": disciplinary}}, public)
    result = _audited(tmp_path, years)
    _assert_protected(result, (2020, "trust", "B", 3, "single_year", "BME", "x"))


def test_a_pooled_population_does_not_give_back_last_years_withheld_staff(tmp_path):
    small = {2018: 5, 2019: 9, 2020: 3}  # trust A's BME staff: 2018's and 2020's withheld
    staff = {y: {"A": {"White": 40 + y % 10, "BME": n, "Unknown": 2},
                 **{t: STAFF[t] for t in "BC"}} for y, n in small.items()}
    years = {}
    for year in small:
        rows = _staff_rows(year, staff[year])
        if year > 2018:  # indicator 3's window: the populations pool two years' staff
            pooled = {t: {g: staff[year - 1][t][g] + staff[year][t][g] for g in ("White", "BME")}
                      for t in "ABC"}
            rows += [row(year, "trust", t, 3, "rate", "all", g, 12, pooled[t][g],
                         100 * 12 / pooled[t][g], detail="window_years=2")
                     for t in "ABC" for g in ("White", "BME")]
        proof = {}
        public = protected(year, rows, proof=proof, before=years.get(year - 1, ({}, ))[0])
        years[year] = ({"indicators": rows, **proof}, public)
    # 2019's edition carries the proof of 2018's withheld count (disclosure/carried.py).
    assert any(r["year"] == 2018 and r["area_code"] == "A" and r["group"] == "BME"
               and r["reason"] == CARRIED for r in years[2019][0]["disclosure_withheld"])
    root = publish(tmp_path, {y: {"internal": i, "public": p} for y, (i, p) in years.items()})
    _assert_protected(audit(root, width=8), *[(y, "trust", "A", 1, "all", "BME", "x")
                                              for y in (2018, 2020)])
    # As the publish step audits 2020: with the year before alone, 2018 not read.
    _assert_protected(audit(root, years=[2019, 2020], width=8),
                      (2020, "trust", "A", 1, "all", "BME", "x"))
