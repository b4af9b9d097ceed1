"""Worked examples from trusts' own published WRES reports, run through the whole pipeline
(landing files, validation, indicators, the public edition):

- The Christie NHS FT, 2023, indicator 2: "BAME candidates have a 14.65% chance of being
  appointed from shortlisting. Whereas, white candidates have a 46.99% chance ... 3.2 times more
  likely" (46.99 / 14.65 = 3.21). Its counts were not published: 429 of 913 White and 145 of 990
  BME shortlisted applicants give exactly those rates.
- Kent and Medway NHS and Social Care Partnership Trust (KMPT), indicator 3: "White staff -
  0.7%, BAME staff - 1.2% ... BAME staff are 1.7 times more likely", from "17 white staff and 9
  BAME staff"; headcounts of 2,450 White and 750 BME staff give those rates.
Sources: docs/methodology.md (indicators 2 and 3) and the project's research notes.
"""

import csv

import duckdb
import pytest

from tests.conftest import materialize_year
from wres_pipeline.publish.snapshot import latest
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

YEAR = 2023
CHRISTIE, KMPT = "RBV", "RXY"
RETURN_COLUMNS = ["reporting_year", "organisation_code", "ethnic_group",
                  "shortlisted_applicants", "appointed_from_shortlisting",
                  "entered_formal_disciplinary", "accessed_non_mandatory_training",
                  "board_voting_members", "board_executive_members", "declared_headcount"]
# Staff by group (ESR ethnic category A White, H BME, Z not stated), and each group's return:
# (shortlisted, appointed, entered disciplinary, accessed training, voting, executive).
TRUSTS = {
    CHRISTIE: {"A": 2000, "H": 800, "Z": 50},
    KMPT: {"A": 2450, "H": 750, "Z": 100},
}
RETURNS = {
    CHRISTIE: {"White": (913, 429, 5, 900, 9, 5), "BME": (990, 145, 2, 300, 3, 1),
               "Unknown": (10, 3, 0, 10, 0, 0)},
    KMPT: {"White": (400, 120, 17, 800, 10, 5), "BME": (300, 60, 9, 250, 3, 2),
           "Unknown": (20, 5, 0, 20, 0, 0)},
}
GROUP_CODE = {"White": "A", "BME": "H", "Unknown": "Z"}


def _rewrite_trusts(folder):
    """Replace the two trusts' ESR rows and returns with the worked examples' counts."""
    esr = folder / "esr_staff_in_post.csv"
    with open(esr, newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle) if r[1] not in TRUSTS]
    for t, (code, groups) in enumerate(TRUSTS.items()):
        for g, (category, staff) in enumerate(groups.items()):
            for n in range(staff):
                person = f"{0xF0 + t:02X}{g:02X}{n:012X}"  # 16 hexadecimal characters
                rows.append([f"{YEAR}-03-31", code, person, f"{person}-1", category, "Band 5",
                             "Additional Clinical Services", "Y", "Permanent", "1"])
    with open(esr, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    for code, groups in RETURNS.items():
        with open(folder / "trust_returns" / f"{code}.csv", "w", newline="",
                  encoding="utf-8") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
            writer.writerow(RETURN_COLUMNS)
            for group, counts in groups.items():
                writer.writerow([YEAR, code, group, *counts,
                                 TRUSTS[code][GROUP_CODE[group]]])


@pytest.fixture(scope="module")
def public_rows(tmp_path_factory):
    root = tmp_path_factory.mktemp("worked")
    paths = PathsSettings.under(root, root / "landing")
    generate_year(YEAR, root / "landing", seed=11, scale=0.005)
    _rewrite_trusts(root / "landing" / str(YEAR))
    assert materialize_year(paths, YEAR, upto="publish").success
    public = root / "published" / "public"
    path = public / str(YEAR) / latest(public, YEAR) / "indicators.parquet"
    relation = duckdb.sql(f"""select area_code, indicator, measure, "group", numerator,
        denominator, value, suppressed from read_parquet('{path}')
        where level = 'trust' and area_code in ('{CHRISTIE}', '{KMPT}')""")
    return {(r[0], r[1], r[2], r[3]): r[4:] for r in relation.fetchall()}


def test_the_christie_indicator_2(public_rows):
    white = public_rows[(CHRISTIE, 2, "rate", "White")]
    bme = public_rows[(CHRISTIE, 2, "rate", "BME")]
    likelihood = public_rows[(CHRISTIE, 2, "relative_likelihood", "all")]
    assert white[:2] == (429, 913) and bme[:2] == (145, 990)
    assert round(white[2], 2) == 46.99 and round(bme[2], 2) == 14.65
    assert round(likelihood[2], 2) == 3.21 and not likelihood[3]


def test_kmpt_indicator_3(public_rows):
    white = public_rows[(KMPT, 3, "rate", "White")]
    bme = public_rows[(KMPT, 3, "rate", "BME")]
    likelihood = public_rows[(KMPT, 3, "relative_likelihood", "all")]
    assert white[:2] == (17, 2450) and bme[:2] == (9, 750)
    assert round(white[2], 1) == 0.7 and round(bme[2], 1) == 1.2
    assert round(likelihood[2], 1) == 1.7 and not likelihood[3]
