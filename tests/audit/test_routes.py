"""The audit catches each way a withheld count came back from the public edition
(issue 32's routes), on tiny hand-made tables, and finds protected what is protected.

Trusts A, B and C lie in ICB Q1 and region R1 (A and B acute, C mental health); every area's
counts are the trusts' added up, as the pipeline publishes them.
"""

from tests.audit.tables import areas_of, likelihood, publish, row, shares, withhold
from wres_pipeline.audit.report import audit

STAFF = {"A": {"White": 40, "BME": 3, "Unknown": 2}, "B": {"White": 50, "BME": 20, "Unknown": 5},
         "C": {"White": 30, "BME": 12, "Unknown": 4}}


def _staff_rows(year=2019, staff=STAFF, breakdown="all"):
    trusts = [r for t, counts in staff.items() for r in shares(year, "trust", t, breakdown,
                                                               counts)]
    return trusts + areas_of(staff, lambda level, area, counts: shares(
        year, level, area, breakdown, counts))


def _finding(result, cell):
    found = {f.cell: f for f in result.findings}
    return found[cell]


def _audit(tmp_path, internal_rows, public_rows, years=(2019,), **tables):
    editions = {y: {"internal": {"indicators": internal_rows[y], **tables.get("internal", {})},
                    "public": {"indicators": public_rows[y], **tables.get("public", {})}}
                for y in years}
    return audit(publish(tmp_path, editions), width=8)


def test_a_trust_withheld_alone_comes_back_from_its_areas(tmp_path):
    """England minus the trust types, or the ICB minus the other trusts, gives A's count."""
    rows = _staff_rows()
    public = withhold(rows, lambda r: r["level"] == "trust" and r["area_code"] == "A")
    result = _audit(tmp_path, {2019: rows}, {2019: public})
    bme = _finding(result, (2019, "trust", "A", 1, "all", "BME", "x"))
    assert (bme.lo, bme.hi, bme.truth) == (3, 3, 3)
    assert bme in result.failures() and not result.unsound
    assert any("->" in r for r in bme.routes)


def test_two_trusts_withheld_together_with_large_counts_are_protected(tmp_path):
    """A and B withheld, C shown: the ICB gives only A + B, so each could be 0 to the sum."""
    rows = _staff_rows()
    public = withhold(rows, lambda r: r["level"] != "icb" and r["level"] != "region"
                      and r["level"] != "england" and r["area_code"] in ("A", "B", "acute"))
    result = _audit(tmp_path, {2019: rows}, {2019: public})
    white = _finding(result, (2019, "trust", "B", 1, "all", "White", "x"))
    assert white.lo <= 50 <= white.hi and white.hi - white.lo >= 8
    assert white not in result.failures()
    # A's three BME staff are pinned between 0 and what A and B hold together (23): protected.
    assert _finding(result, (2019, "trust", "A", 1, "all", "BME", "x")) not in result.failures()


def test_a_rounded_likelihood_with_an_area_total_pins_the_events(tmp_path):
    """Indicator 3 withheld for A: its rounded likelihood says BME and White entries are in a
    fixed ratio, and the ICB's BME entries (A's plus B's and C's, shown) bound them."""
    events = {"A": (2, 2), "B": (0, 3), "C": (1, 4)}  # (BME, White) entries
    rows = _staff_rows()
    for t, (bme, white) in events.items():
        rows += [row(2019, "trust", t, 3, "rate", "all", "BME", bme, STAFF[t]["BME"],
                     100 * bme / STAFF[t]["BME"], detail="window_years=1"),
                 row(2019, "trust", t, 3, "rate", "all", "White", white, STAFF[t]["White"],
                     100 * white / STAFF[t]["White"], detail="window_years=1"),
                 likelihood(2019, "trust", t, 3, bme, STAFF[t]["BME"], white,
                            STAFF[t]["White"])]
    rows += [row(2019, "icb", "Q1", 3, "rate", "all", "BME", 3, 35, 300 / 35)]
    public = withhold(rows, lambda r: r["area_code"] == "A" and r["indicator"] == 3)
    result = _audit(tmp_path, {2019: rows}, {2019: public})
    entries = _finding(result, (2019, "trust", "A", 3, "all", "BME", "x"))
    assert entries.lo <= 2 <= entries.hi and entries.hi - entries.lo < 8
    assert entries in result.failures() and not result.unsound
    assert any("likelihood" in r for r in entries.routes)


def test_the_board_gap_and_the_unknown_share_give_a_withheld_headcount_back(tmp_path):
    """A's staff withheld: indicator 4's unknown share shows its headcount, the board gap beside
    the board's published share its BME share."""
    rows = _staff_rows()
    a = STAFF["A"]
    total = sum(a.values())
    board = {"White": 8, "BME": 2, "Unknown": 0}
    rows += shares(2019, "trust", "A", "board_voting", board, indicator=9)
    rows += shares(2019, "trust", "A", "workforce", a, indicator=9)
    rows += [row(2019, "trust", "A", 9, "gap_pp", "board_voting", "all",
                 value=100 * 2 / 10 - 100 * a["BME"] / total),
             row(2019, "trust", "A", 4, "unknown_share", "all", "Unknown", a["Unknown"], total,
                 100 * a["Unknown"] / total)]
    public = withhold(rows, lambda r: r["area_code"] == "A" and r["indicator"] == 1
                      or r["area_code"] == "A" and r["breakdown"] == "workforce")
    # Only the trust's own rows: no area gives A back by subtraction here.
    result = _audit(tmp_path, {2019: [r for r in rows if r["level"] == "trust"]},
                    {2019: [r for r in public if r["level"] == "trust"]})
    bme = _finding(result, (2019, "trust", "A", 1, "all", "BME", "x"))
    assert (bme.lo, bme.hi) == (3, 3)
    assert any("board gap" in r for r in bme.routes)


def test_differenced_windows_give_single_year_disciplinary_counts(tmp_path):
    """Indicator 3 pools two years: a trust's first year (one year pooled) and its second give
    the second year's own entries, which no table shows."""
    years = {}
    for year, (pooled, entries) in {2019: (1, 5), 2020: (2, 9)}.items():
        rows = _staff_rows(year)
        rows.append(row(year, "trust", "B", 3, "rate", "all", "BME", entries,
                        20 * pooled, 100 * entries / (20 * pooled),
                        detail=f"window_years={pooled}"))
        years[year] = rows
    exchange = {"exchange": {"disciplinary_inputs": [
        {"year": 2020, "organisation_code": "B", "wres_group": "bme", "entered": 4,
         "headcount": 20}]}}
    result = _audit(tmp_path, years, years, years=(2019, 2020), internal=exchange)
    single = _finding(result, (2020, "trust", "B", 3, "single_year", "BME", "x"))
    assert (single.lo, single.hi, single.truth) == (4, 4, 4)
    assert single.latent


def test_a_later_baseline_share_gives_the_baseline_years_withheld_count_back(tmp_path):
    """A's band 8a withheld in the baseline year; a later year's Model Employer row shows its
    baseline share in full, and the ICB and B give A's band total."""
    band = {"A": {"White": 4, "BME": 2, "Unknown": 0}, "B": {"White": 10, "BME": 5, "Unknown": 1},
            "C": {"White": 9, "BME": 3, "Unknown": 0}}
    rows = _staff_rows(2018, band, "all:band_8a")
    public = withhold(rows, lambda r: r["area_code"] in ("A", "C"))
    later = [{"year": 2019, "level": "trust", "area_code": "A", "band": "band_8a",
              "headcount": None, "bme_headcount": None, "bme_share": None,
              "baseline_share": 100 * 2 / 6, "overall_share": None, "target_headcount": None,
              "gap_people": None, "null_reason": None, "trusts_with_target": 1,
              "suppressed": True}]
    editions = {2018: {"internal": {"indicators": rows}, "public": {"indicators": public}},
                2019: {"internal": {"indicators": [], "model_employer": later},
                       "public": {"indicators": [], "model_employer": later}}}
    result = audit(publish(tmp_path, editions), width=8)
    bme = _finding(result, (2018, "trust", "A", 1, "all:band_8a", "BME", "x"))
    assert bme.recovered and bme.truth == 2
    assert "Model Employer baseline share" in bme.routes


def test_a_count_withheld_in_one_table_and_shown_in_another_is_recovered(tmp_path):
    rows = _staff_rows()
    public = withhold(rows, lambda r: r["area_code"] in ("A", "B", "acute"))
    quality = [{"year": 2019, "organisation_code": "A", "esr_headcount": 45, "esr_unknown": 2,
                "unknown_share": 100 * 2 / 45, "declared_headcount": None,
                "declared_difference": None, "suppressed": False}]
    result = _audit(tmp_path, {2019: rows}, {2019: public},
                    public={"data_quality_trusts": quality})
    unknown = _finding(result, (2019, "trust", "A", 1, "all", "Unknown", "x"))
    assert (unknown.lo, unknown.hi) == (2, 2)
    assert unknown.routes == ["shown in another table"]
