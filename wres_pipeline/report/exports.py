"""The site's figures in the forms NHS organisations pass them around: a CSV file per page
(every published row of the organisation for the year, as published) and one workbook per year
(a sheet per level with each indicator's headline figure, Model Employer, and the method notes).
Both are written byte for byte the same from the same snapshot (no clock in them)."""

import csv
import re
import zipfile
from pathlib import Path

from wres_pipeline.report.figures import HEADLINES, significance
from wres_pipeline.report.site_data import SiteData

CSV_COLUMNS = ["section", "indicator", "measure", "breakdown", "group", "numerator",
               "denominator", "value", "ci_lower", "ci_upper", "adverse_significant",
               "null_reason", "detail", "suppressed", "suppression_reason"]
MODEL_FIELDS = [("headcount", "all"), ("bme_headcount", "BME"), ("bme_share", "BME"),
                ("target_share", "BME"), ("goal_share", "BME"), ("target_headcount", "BME"),
                ("more_needed_now", "BME"), ("more_needed_by_target_year", "BME")]
SHEETS = [("England", "england"), ("Regions", "region"), ("ICBs", "icb"),
          ("Trust types", "trust_type"), ("Trusts", "trust")]
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries' time: the earliest a zip file can hold


def csv_rows(data: SiteData, level: str, code: str) -> list[dict]:
    """Every published row of the organisation for the year, then its Model Employer bands."""
    rows = [{"section": "indicators", **{c: r.get(c) for c in CSV_COLUMNS[1:]}}
            for r in data.rows.get((level, code), [])]
    for band in data.model_employer.get((level, code), []):
        for field, group in MODEL_FIELDS:
            rows.append({"section": "model_employer", "indicator": None, "measure": field,
                         "breakdown": band["band"], "group": group, "value": band[field],
                         "null_reason": band["null_reason"], "suppressed": band["suppressed"],
                         "suppression_reason": band["suppression_reason"]})
    return rows


def write_csv(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows([row.get(c) for c in CSV_COLUMNS] for row in rows)


def _headline_columns() -> list[str]:
    columns = []
    for h in HEADLINES:
        name = f"Ind. {h.indicator} " + {"x": "relative likelihood", "pp": "gap (pp)"}.get(
            h.unit, "BME share (%)")
        columns += [name, "lower 95%", "upper 95%", "significantly adverse", "withheld"]
    return columns


def _headline_cells(data: SiteData, level: str, code: str) -> list:
    cells = []
    for h in HEADLINES:
        row = data.figure(level, code, (h.indicator, h.measure, h.breakdown, h.group)) or {}
        cells += [row.get("value"), row.get("ci_lower"), row.get("ci_upper"),
                  "yes" if row and significance(h, row) == "adverse" else "",
                  row.get("suppression_reason") or ""]
    return cells


def write_workbook(path: Path, data: SiteData, method: list[str]) -> None:
    """One sheet per level, a Model Employer sheet and the method notes; then the zip's entry
    times are fixed so the same snapshot gives the same bytes."""
    from openpyxl import Workbook  # only the site build needs it

    book = Workbook(write_only=True)
    about = book.create_sheet("About")
    about.append([f"NHS Workforce Race Equality Standard {data.year}: public edition, snapshot "
                  f"{data.snapshot_id}"])
    for line in method:
        about.append([line])
    trusts = {t["organisation_code"]: t for t in data.trusts}
    for title, level in SHEETS:
        sheet = book.create_sheet(title)
        where = ["ICB", "region", "trust type"] if level == "trust" else []
        sheet.append(["code", "name", *where, *_headline_columns()])
        for code, name in data.areas(level):
            t = trusts.get(code, {})
            place = ([t.get("icb_name"), t.get("region_name"), t.get("trust_type")]
                     if level == "trust" else [])
            sheet.append([code, name, *place, *_headline_cells(data, level, code)])
    model = book.create_sheet("Model Employer")
    fields = [f for f, _ in MODEL_FIELDS]
    model.append(["level", "code", "name", "band", *fields, "target year", "withheld"])
    for level in ("england", "region", "icb", "trust_type", "trust"):
        for code, name in data.areas(level):
            for band in data.model_employer.get((level, code), []):
                model.append([level, code, name, band["band"], *(band[f] for f in fields),
                              band["target_year"], band["suppression_reason"] or ""])
    book.properties.creator = "wres-pipeline"
    partial = path.with_name(path.name + ".unfixed")
    book.save(partial)
    _fix_times(partial, path)
    partial.unlink()


def _fix_times(source: Path, target: Path) -> None:
    """Copy a zip file with every entry's time set to FIXED_TIME and the workbook's own
    created/modified properties cleared of the clock."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            body = old.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = _without_dates(body)
            entry = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = item.external_attr
            new.writestr(entry, body)


def _without_dates(core: bytes) -> bytes:
    return re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", core)
