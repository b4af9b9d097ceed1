"""Build the generator's calibration tables from the real published files in `reference/realdata/`.

The outputs are committed (reference/organisation_types.csv and reference/calibration/*.csv) so
the generator needs nothing else at run time; a test rebuilds them and checks they have not
drifted from their sources. Run with `wres-sample calibrate`.
"""

import csv
from pathlib import Path

import pandas as pd

from wres_pipeline.paths import REFERENCE_DIR
from wres_pipeline.reference import table

REALDATA = REFERENCE_DIR / "realdata"
EFF_FILE = REALDATA / "eff-nhs-workforce" / "nhsworkforcedata.csv"
NSS_FILE = REALDATA / "nss-org-results" / "data_trusts_well-being - organisational results.csv"
ETR_FILE = REALDATA / "ods-trusts" / "etr.csv"
CALIBRATION_DIR = REFERENCE_DIR / "calibration"

YEARS = range(2015, 2026)
ALL_INCLUDING_UNKNOWN = "All - Including Unknown, Not Stated And Discontinued Codes"
BME_GROUPS = ("Asian", "Black", "Chinese", "Mixed", "Other")
UNKNOWN_GROUPS = ("Unknown & Not Stated", "Discontinued Codes")
# The published file's grade spellings that differ from ESR's (reference/pay_grades.csv).
GRADE_SPELLINGS = {
    "Non Afc Grade": "Non AfC Grade",
    "Other And Local Hchs Doctor Grades": "Other And Local HCHS Doctor Grades",
}
CLINICAL_STAFF_GROUPS = ("Professionally Qualified Clinical Staff", "Support To Clinical Staff")


def etr_codes() -> list[str]:
    """Organisation codes of the ODS trusts file, in file order."""
    with open(ETR_FILE, newline="", encoding="utf-8") as handle:
        return [row[0] for row in csv.reader(handle)]


def snapshot_for(year: int, snapshots: list[str]) -> str:
    """The latest ESR snapshot on or before 31 March of the WRES year (or the latest of all)."""
    earlier = [s for s in snapshots if s <= f"{year}-03-31"]
    return max(earlier) if earlier else min(snapshots)


def workforce_cells(eff: pd.DataFrame) -> pd.DataFrame:
    """Headcount by snapshot, clinical flag, role group, grade and ethnic group."""
    cells = eff[eff["Grade"] != "All Grades"].pivot_table(
        index=["Time", "Staff_Group", "Role_Group", "Grade"],
        columns="Ethnicity",
        values="Value",
        aggfunc="sum",
        fill_value=0,
    ).reset_index()
    out = pd.DataFrame({
        "snapshot": cells["Time"],
        "clinical": cells["Staff_Group"].isin(CLINICAL_STAFF_GROUPS).map({True: "Y", False: "N"}),
        "role_group": cells["Role_Group"],
        "esr_grade": cells["Grade"].replace(GRADE_SPELLINGS),
        "headcount": cells[ALL_INCLUDING_UNKNOWN],
        "white": cells["White"],
    })
    for group in BME_GROUPS:
        out[group.lower()] = cells[group]
    out["unknown"] = cells[list(UNKNOWN_GROUPS)].sum(axis=1)
    keys = ["snapshot", "clinical", "role_group", "esr_grade"]
    return out[out["headcount"] > 0].sort_values(keys)


def national_headcount(cells: pd.DataFrame) -> pd.DataFrame:
    """Headcount per WRES year: the snapshot's total, grown at the recent rate past the data."""
    totals = cells.groupby("snapshot")["headcount"].sum()
    snapshots = sorted(totals.index)
    latest = snapshots[-1]
    years_span = (pd.Timestamp(latest) - pd.Timestamp("2017-09-01")).days / 365.25
    growth = (totals[latest] / totals["2017-09-01"]) ** (1 / years_span)
    rows = []
    for year in YEARS:
        snapshot = snapshot_for(year, snapshots)
        extra_years = max(0.0, (pd.Timestamp(f"{year}-03-31") - pd.Timestamp(latest)).days / 365.25)
        rows.append({
            "year": year,
            "snapshot": snapshot,
            "headcount": round(totals[snapshot] * growth**extra_years),
            "status": "extrapolated" if extra_years > 0 else "from snapshot",
        })
    return pd.DataFrame(rows)


def organisation_types(nss: pd.DataFrame) -> pd.DataFrame:
    """Trust type per ODS code: the latest survey benchmarking group, else the manual table."""
    by_group = {row["nss_benchmarking_group"]: row["trust_type"] for row in table("trust_types")}
    manual = {row["organisation_code"]: row["trust_type"]
              for row in table("organisation_types_manual")}
    latest = nss.sort_values("Year").groupby("ODS code").last()
    rows = []
    for code in etr_codes():
        group = latest["Benchmarking group"].get(code)
        if group in by_group:
            rows.append((code, by_group[group], f"nss{latest.loc[code, 'Year']}"))
        else:
            rows.append((code, manual[code], "manual"))
    return pd.DataFrame(rows, columns=["organisation_code", "trust_type", "source"])


def organisation_profiles(nss: pd.DataFrame) -> pd.DataFrame:
    """Per trust, the latest survey respondents (a size proxy) and ethnic minority share."""
    nss = nss[(nss["Respondents"] > 0) & nss["ODS code"].isin(etr_codes())].sort_values("Year")
    latest = nss.groupby("ODS code").last().reset_index()
    return pd.DataFrame({
        "organisation_code": latest["ODS code"],
        "survey_year": latest["Year"],
        "respondents": latest["Respondents"],
        "ethnic_minority_pct": latest["Ethnic_minority_rate"].round(4),
    }).sort_values("organisation_code")


def build(out_dir: Path = REFERENCE_DIR) -> dict[str, pd.DataFrame]:
    """Compute every calibration table (and write them when `out_dir` is given)."""
    eff = pd.read_csv(EFF_FILE, dtype={"Value": "int64"})
    nss = pd.read_csv(NSS_FILE)
    cells = workforce_cells(eff)
    headcount = national_headcount(cells)
    cells = cells[cells["snapshot"].isin(set(headcount["snapshot"]))]
    tables = {
        "organisation_types.csv": organisation_types(nss),
        "calibration/workforce_cells.csv": cells,
        "calibration/national_headcount.csv": headcount,
        "calibration/organisation_profiles.csv": organisation_profiles(nss),
    }
    if out_dir is not None:
        for name, frame in tables.items():
            frame.to_csv(out_dir / name, index=False, lineterminator="\n")
    return tables
