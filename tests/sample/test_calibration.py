"""The generated extracts land near the published national WRES figures.

Figures are recomputed here from the written files with plain Python (csv module), independently
of the pipeline: people are counted once each, grouped by the first character of their ethnic
category, unknowns in the denominator as WRES reports the workforce share.
"""

import csv
from collections import defaultdict

import pytest

from wres_pipeline.paths import REFERENCE_DIR
from wres_pipeline.reference import ethnic_group_of, table
from wres_pipeline.sample import calibration
from wres_pipeline.sample.generate import generate_year

PUBLISHED = {int(r["year"]): float(r["value"]) for r in table("national_targets")
             if r["measure"] == "bme_share_pct" and r["status"] == "published"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    landing = tmp_path_factory.mktemp("calibration")
    return {year: generate_year(year, landing, seed=3, scale=0.02).folder
            for year in range(2015, 2026)}


def _people_by_group(folder):
    groups = {}
    with open(folder / "esr_staff_in_post.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            groups[row["person_id"]] = ethnic_group_of(row["ethnic_category"])
    counts = defaultdict(int)
    for group in groups.values():
        counts[group] += 1
    return counts


def _returns(folder):
    totals = defaultdict(lambda: defaultdict(int))
    for path in sorted((folder / "trust_returns").glob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as handle:
            delimiter = ";" if ";" in handle.readline() else ","
            handle.seek(0)
            for row in csv.DictReader(handle, delimiter=delimiter):
                for column, value in row.items():
                    if column not in ("reporting_year", "organisation_code", "ethnic_group"):
                        totals[row["ethnic_group"]][column] += int(value)
    return totals


def test_the_published_years_are_the_ones_we_expect():
    assert sorted(PUBLISHED) == [2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024]


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_national_bme_share_within_one_point_of_published(generated, year):
    counts = _people_by_group(generated[year])
    share = 100 * counts["bme"] / sum(counts.values())
    print(f"{year}: BME {share:.2f}% of {sum(counts.values()):,} people "
          f"(published {PUBLISHED[year]}%)")
    assert abs(share - PUBLISHED[year]) <= 1.0


def test_bme_share_rises_and_unknowns_stay_near_four_percent(generated):
    shares, unknown = [], []
    for year in range(2015, 2026):
        counts = _people_by_group(generated[year])
        shares.append(counts["bme"] / sum(counts.values()))
        unknown.append(counts["unknown"] / sum(counts.values()))
    assert shares[-1] - shares[0] > 0.10
    assert all(0.03 < u < 0.07 for u in unknown)


@pytest.mark.parametrize(("year", "low", "high"), [(2016, 1.3, 1.85), (2021, 1.35, 1.9),
                                                    (2023, 1.35, 1.85)])
def test_appointment_likelihood_near_published(generated, year, low, high):
    t = _returns(generated[year])
    rl2 = ((t["White"]["appointed_from_shortlisting"] / t["White"]["shortlisted_applicants"]) /
           (t["BME"]["appointed_from_shortlisting"] / t["BME"]["shortlisted_applicants"]))
    assert low <= rl2 <= high


def test_calibration_tables_match_their_sources():
    """The committed calibration files are exactly what the real published files give."""
    for name, frame in calibration.build(out_dir=None).items():
        committed = (REFERENCE_DIR / name).read_text(encoding="utf-8")
        assert frame.to_csv(index=False, lineterminator="\n") == committed, name
