"""The national data report's content, from the public snapshots alone (report/data.py):
headline figures against the previous year, the five-year changes in words, trends, how trusts
compare, regions, ICBs and trust types, Model Employer in people and data quality.
templates/national.html lays it out."""

from wres_pipeline.report import charts
from wres_pipeline.report.data import HEADLINES, ReportData
from wres_pipeline.report.figures import number as fmt

UNITS = {"share": "%", "rate": "%", "percent": "%", "gap_pp": "pp", "relative_likelihood": "x"}


def headlines(data: ReportData) -> dict:
    """England's White and BME figures side by side, the comparison, and last year's."""
    previous = max((y for y in data.years if y < data.year), default=None)
    rows = []
    for label, indicator, measure, breakdown, unit, comparison, c_unit in HEADLINES:
        def value(group, which=measure, year=data.year, indicator=indicator,
                  breakdown=breakdown):
            return data.england.get((year, indicator, which, breakdown, group))
        now = value("all", comparison) if comparison else None
        before = value("all", comparison, previous) if comparison else None
        rows.append({"label": label, "white": fmt(value("White"), unit),
                     "bme": fmt(value("BME"), unit),
                     "now": fmt(now, c_unit) if comparison else "",
                     "before": fmt(before, c_unit) if comparison else "",
                     "change": "" if now is None or before is None else f"{now - before:+.2f}"})
    return {"previous": previous, "rows": rows}


def change_words(row: dict) -> str:
    """One trend row as a sentence: the change over five years, or one where five are not
    published."""
    unit = UNITS[row["measure"]]
    for years, before, change, count_before, count_change, count_pct in (
            (5, "value_5y_before", "change_5y", "numerator_5y_before", "numerator_change_5y",
             "numerator_change_5y_percent"),
            (1, "value_1y_before", "change_1y", "numerator_1y_before", "numerator_change_1y",
             "numerator_change_1y_percent")):
        if row[before] is None or row["value"] is None:
            continue
        since = row["year"] - years
        moved = "up" if row[change] > 0 else "down" if row[change] < 0 else "unchanged"
        amount = (f"{abs(row[change]):.2f}" if unit == "x" else
                  f"{abs(row[change]):.1f} percentage points")
        text = (f"{fmt(row['value'], unit)} in {row['year']}, {moved}"
                + ("" if moved == "unchanged" else f" {amount}")
                + f" from {fmt(row[before], unit)} in {since}")
        if row["measure"] == "share" and row[count_before] is not None:
            people = "up" if row[count_change] >= 0 else "down"
            pct = "" if row[count_pct] is None else f" ({row[count_pct]:+.1f} %)"
            text += (f"; {row['numerator']:,} people against {row[count_before]:,}, "
                     f"{people} {abs(row[count_change]):,}{pct}")
        return text + "."
    return f"{fmt(row['value'], unit)} in {row['year']}; no earlier year published to compare."


def trends(data: ReportData) -> list:
    def series(indicator, measure, breakdown, group):
        return [(y, data.england.get((y, indicator, measure, breakdown, group)))
                for y in data.years]
    found = [
        charts.line_chart("BME share of the workforce, England", {
            "BME": series(1, "share", "all", "BME")}, "% of staff"),
        charts.line_chart("Relative likelihoods, England (1 = equal; shaded 0.80-1.25)", {
            f"Ind. {i}": series(i, "relative_likelihood", "all", "all") for i in (2, 3, 4)},
            "relative likelihood", band=(0.8, 1.25), reference=1.0, digits=2),
        charts.line_chart("BME share of board voting members and of the workforce", {
            "Board": series(9, "share", "board_voting", "BME"),
            "Workforce": series(9, "share", "workforce", "BME")}, "% BME"),
    ]
    for indicator, name in ((5, "harassment from public"), (6, "harassment from staff"),
                            (7, "equal opportunities"), (8, "discrimination")):
        found.append(charts.line_chart(f"Ind. {indicator} ({name}): White and BME staff", {
            "White": series(indicator, "percent", "all", "White"),
            "BME": series(indicator, "percent", "all", "BME")}, "% of respondents"))
    return [c for c in found if c]


def distribution(data: ReportData) -> dict:
    return {
        "strip": charts.strip_chart(
            "Trusts' relative likelihoods (log scale; shaded 0.80-1.25; red line the median; "
            "0 and no finite ratio at the edges)",
            {f"Ind. {i}": data.trusts.get(i, []) for i in (2, 3, 4)}),
        "board": charts.gap_strip(
            "Every trust's board: BME share of voting members minus the workforce's "
            "(percentage points; red line the median)", data.board_gaps),
        "rows": [d for d in data.distribution if d["measure"] == "relative_likelihood"],
    }


def areas(data: ReportData) -> list[dict]:
    out = []
    for level, title in (("region", "NHS England region"), ("icb", "Integrated care board"),
                         ("trust_type", "Trust type")):
        rows = [a for a in data.areas if a["level"] == level]
        chart = (charts.bar_chart("BME share of the workforce by region",
                                  [(a["area_name"], a["bme_share"]) for a in rows], "%")
                 if level == "region" else None)
        out.append({"level": level, "title": title, "rows": rows, "chart": chart})
    return out


def model_employer(data: ReportData) -> dict | None:
    england = [m for m in data.model_employer if m["level"] == "england"]
    if not any(m["trusts_with_target"] for m in england):
        return None
    regions = [m for m in data.model_employer if m["level"] == "region"]
    pooled = sorted({m["band"] for m in regions if "_to_" in m["band"]})
    return {"target_year": england[0]["target_year"], "england": england,
            "pooled": ", ".join(pooled), "regions": [m for m in regions if m["band"] in pooled]}


def quality(data: ReportData) -> dict:
    return {
        "trusts": len(data.quality_trusts),
        "missing": ", ".join(sorted(t["organisation_code"] for t in data.quality_trusts
                                    if not t["has_return"])) or "none",
        "high_unknown": sum(1 for t in data.quality_trusts if (t["unknown_share"] or 0) > 10),
        "tables": data.quality_tables,
    }


def context(data: ReportData) -> dict:
    """Everything templates/national.html shows."""
    return {"data": data, "headlines": headlines(data),
            "changes": [(r["label"], change_words(r)) for r in data.trends],
            "trends": trends(data), "distribution": distribution(data), "areas": areas(data),
            "model_employer": model_employer(data), "quality": quality(data)}
