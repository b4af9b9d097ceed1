"""The report page: HTML with inline CSS and SVG, opened offline in any browser."""

from html import escape

from wres_pipeline.report import svg
from wres_pipeline.report.data import HEADLINES, ReportData

CSS = """
body{font-family:Arial,Helvetica,sans-serif;max-width:980px;margin:2em auto;color:#212b32;
line-height:1.45;padding:0 1em}h1{color:#005eb8}h2{border-bottom:2px solid #005eb8;
padding-bottom:.2em;margin-top:2em}table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border-bottom:1px solid #d8dde0;padding:.35em .5em;text-align:left}td.n{text-align:right}
.chart{width:100%;max-width:720px;height:auto;display:block;margin:1em 0}.grid{stroke:#e8edee}
.band{fill:#e8f3e8}.reference{stroke:#425563;stroke-dasharray:4 3}.line{fill:none;stroke-width:2}
.dot{fill:#005eb8;fill-opacity:.55}.median{stroke:#d5281b;stroke-width:2}.bar{fill:#005eb8}
.tick,.axis,.label{font-size:11px;fill:#425563}.note{color:#425563;font-size:.9em}
figure{margin:1.5em 0}figcaption{font-weight:bold;font-size:.95em}
"""


def _fmt(value, unit):
    if value is None:
        return "&ndash;"
    if unit == "x":
        return f"{value:.2f}"
    if unit == "people":
        return f"{value:,}"
    return f"{value:.1f}{'' if unit == '%' else ' '}{unit}"


def headlines(data: ReportData) -> str:
    """England's White and BME figures side by side, the comparison, and last year's."""
    previous = max((y for y in data.years if y < data.year), default=None)
    rows = []
    for label, indicator, measure, breakdown, unit, comparison, c_unit in HEADLINES:
        def value(group, which=measure, year=data.year, indicator=indicator,
                  breakdown=breakdown):
            return data.england.get((year, indicator, which, breakdown, group))
        now = value("all", comparison) if comparison else None
        before = value("all", comparison, previous) if comparison else None
        change = "" if now is None or before is None else f"{now - before:+.2f}"
        rows.append(f"<tr><td>{escape(label)}</td><td class='n'>{_fmt(value('White'), unit)}"
                    f"</td><td class='n'>{_fmt(value('BME'), unit)}</td>"
                    f"<td class='n'>{_fmt(now, c_unit) if comparison else ''}</td>"
                    f"<td class='n'>{_fmt(before, c_unit) if comparison else ''}</td>"
                    f"<td class='n'>{change}</td></tr>")
    head = str(previous) if previous else "previous year"
    return ("<table><tr><th>England</th><th>White</th><th>BME</th><th>comparison "
            f"{data.year}</th><th>comparison {head}</th><th>change</th></tr>" + "".join(rows) +
            "</table><p class='note'>Comparison: the relative likelihood for indicators 2-4 "
            "(above 1 is adverse to BME staff), BME minus White in percentage points for 5-8, "
            "the board's BME share minus the workforce's for 9.</p>")


def _change_words(row: dict) -> str:
    """One trend row as a sentence: the change over five years, or one where five are not
    published."""
    unit = {"share": "%", "rate": "%", "percent": "%", "gap_pp": "pp",
            "relative_likelihood": "x"}[row["measure"]]
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
        text = (f"{_fmt(row['value'], unit)} in {row['year']}, {moved}"
                + ("" if moved == "unchanged" else f" {amount}")
                + f" from {_fmt(row[before], unit)} in {since}")
        if row["measure"] == "share" and row[count_before] is not None:
            people = "up" if row[count_change] >= 0 else "down"
            pct = "" if row[count_pct] is None else f" ({row[count_pct]:+.1f} %)"
            text += (f"; {row['numerator']:,} people against {row[count_before]:,}, "
                     f"{people} {abs(row[count_change]):,}{pct}")
        return f"<li><strong>{escape(row['label'])}</strong>: {text}.</li>"
    return (f"<li><strong>{escape(row['label'])}</strong>: {_fmt(row['value'], unit)} in "
            f"{row['year']}; no earlier year published to compare.</li>")


def changes(data: ReportData) -> str:
    if not data.trends:
        return "<p class='note'>No trend table in this snapshot.</p>"
    return ("<ul>" + "".join(_change_words(r) for r in data.trends) + "</ul><p class='note'>"
            "England, from the published trend table: each year's figure as that year "
            "published it. Counts are people (staff or board members).</p>")


def trends(data: ReportData) -> str:
    def series(indicator, measure, breakdown, group):
        return [(y, data.england.get((y, indicator, measure, breakdown, group)))
                for y in data.years]
    charts = [
        svg.line_chart("BME share of the workforce, England", {
            "BME": series(1, "share", "all", "BME")}, "% of staff"),
        svg.line_chart("Relative likelihoods, England (1 = equal; shaded 0.80-1.25)", {
            f"Ind. {i}": series(i, "relative_likelihood", "all", "all") for i in (2, 3, 4)},
            "relative likelihood", band=(0.8, 1.25), reference=1.0),
        svg.line_chart("BME share of board voting members and of the workforce", {
            "Board": series(9, "share", "board_voting", "BME"),
            "Workforce": series(9, "share", "workforce", "BME")}, "% BME"),
    ]
    for indicator, name in ((5, "harassment from public"), (6, "harassment from staff"),
                            (7, "equal opportunities"), (8, "discrimination")):
        charts.append(svg.line_chart(f"Ind. {indicator} ({name}): White and BME staff", {
            "White": series(indicator, "percent", "all", "White"),
            "BME": series(indicator, "percent", "all", "BME")}, "% of respondents"))
    return "".join(charts)


def distribution(data: ReportData) -> str:
    chart = svg.strip_chart(
        "Trusts' relative likelihoods (log scale; shaded 0.80-1.25; red line the median; "
        "0 and no finite ratio at the edges)",
        {f"Ind. {i}": data.trusts.get(i, []) for i in (2, 3, 4)})
    board = svg.gap_strip("Every trust's board: BME share of voting members minus the "
                          "workforce's (percentage points; red line the median)",
                          data.board_gaps)
    rows = [f"<tr><td>{d['indicator']}</td><td>{escape(str(d['breakdown']))}</td>"
            f"<td class='n'>{d['trusts']}</td><td class='n'>{d['trusts_excluded']}</td>"
            f"<td class='n'>{_fmt(d['median'], 'x')}</td>"
            f"<td class='n'>{_fmt(d['lower_quartile'], 'x')} &ndash; "
            f"{_fmt(d['upper_quartile'], 'x')}</td><td class='n'>"
            f"{_fmt(d['percent_above_range'], '%')}</td><td class='n'>"
            f"{_fmt(d['percent_adverse_significant'], '%')}</td>"
            f"<td>{escape(d['excluded_reasons'] or '')}</td></tr>"
            for d in data.distribution if d["measure"] == "relative_likelihood"]
    return chart + board + (
        "<table><tr><th>indicator</th><th>breakdown</th><th>trusts counted</th>"
        "<th>not counted</th><th>median</th><th>quartiles</th><th>above 1.25</th>"
        "<th>significantly adverse</th><th>why not counted</th></tr>" + "".join(rows) +
        "</table><p class='note'>Every trust of the year is counted or its reason given. A "
        "trust with no events in the reference group (e.g. no BME applicant appointed while "
        "White applicants were) has no finite likelihood: it is counted above 1.25.</p>")


def areas(data: ReportData) -> str:
    out = []
    for level, title in (("region", "NHS England region"), ("icb", "Integrated care board"),
                         ("trust_type", "Trust type")):
        rows = [a for a in data.areas if a["level"] == level]
        if level == "region":
            out.append(svg.bar_chart("BME share of the workforce by region",
                                     [(a["area_name"], a["bme_share"]) for a in rows], "%"))
        region = "<th>region</th>" if level == "icb" else ""
        body = "".join(
            "<tr>" + (f"<td>{escape(a['region_name'] or '')}</td>" if level == "icb" else "")
            + f"<td>{escape(a['area_name'])}</td><td class='n'>{_fmt(a['bme_share'], '%')}</td>"
            + "".join(f"<td class='n'>{_fmt(a[k], 'x')}</td>" for k in ("rl2", "rl3", "rl4"))
            + f"<td class='n'>{_fmt(a['board_gap'], 'pp')}</td></tr>" for a in rows)
        out.append(f"<table><tr>{region}<th>{title}</th><th>BME staff</th><th>Ind. 2</th>"
                   f"<th>Ind. 3</th><th>Ind. 4</th><th>board gap</th></tr>{body}</table>")
    return "".join(out)


def model_employer(data: ReportData) -> str:
    england = [m for m in data.model_employer if m["level"] == "england"]
    if not any(m["trusts_with_target"] for m in england):
        return ("<p class='note'>No Model Employer targets this year (before the baseline "
                "year, or the baseline year is not published).</p>")
    target_year = england[0]["target_year"]
    rows = "".join(
        f"<tr><td>{escape(m['band'])}</td><td class='n'>{_fmt(m['bme_headcount'], 'people')}"
        f"</td><td class='n'>{_fmt(m['target_headcount'], 'people')}</td><td class='n'>"
        f"{_fmt(m['more_needed_now'], 'people')}</td><td class='n'>"
        f"{_fmt(m['more_needed_by_target_year'], 'people')}</td><td class='n'>"
        f"{m['trusts_on_trajectory']} of {m['trusts_with_target']}</td></tr>" for m in england)
    regions = [m for m in data.model_employer if m["level"] == "region"]
    pooled = sorted({m["band"] for m in regions if "_to_" in m["band"]})
    by_region = "".join(
        f"<tr><td>{escape(m['area_name'])}</td><td class='n'>"
        f"{_fmt(m['bme_headcount'], 'people')}</td><td class='n'>"
        f"{_fmt(m['more_needed_now'], 'people')}</td><td class='n'>"
        f"{_fmt(m['more_needed_by_target_year'], 'people')}</td></tr>"
        for m in regions if m["band"] in pooled)
    return (f"<table><tr><th>band (England)</th><th>BME staff</th><th>this year's target</th>"
            f"<th>more needed now</th><th>more needed by {target_year}</th><th>trusts on "
            f"trajectory</th></tr>{rows}</table><table><tr><th>region ("
            f"{escape(', '.join(pooled))})</th><th>BME staff</th><th>more needed now</th><th>"
            f"more needed by {target_year}</th></tr>{by_region}</table><p class='note'>People: "
            "each trust's shortfall against its own trajectory, summed (a trust ahead of its "
            "target does not offset another's shortfall); computed from the full data.</p>")


def quality(data: ReportData) -> str:
    missing = sorted(t["organisation_code"] for t in data.quality_trusts if not t["has_return"])
    high = [t for t in data.quality_trusts if (t["unknown_share"] or 0) > 10]
    tables = "".join(f"<tr><td>{escape(t['table'])}</td><td class='n'>{t['rows']:,}</td>"
                     f"<td class='n'>{t['quarantined_rows']:,}</td></tr>"
                     for t in data.quality_tables)
    return (f"<p>{len(data.quality_trusts)} trusts. Returns missing: "
            f"{escape(', '.join(missing)) or 'none'}. Trusts with more than 10 % of staff of "
            f"unknown ethnicity (where published): {len(high)}. {data.suppressed:,} of "
            f"{data.rows:,} indicator rows are withheld in this public edition (survey groups "
            f"under 11 respondents, small staff and HR-event counts at trust level, and what "
            f"would give them back).</p><table><tr><th>raw table</th><th>rows</th>"
            f"<th>quarantined</th></tr>{tables}</table>")


METHOD = """<p>WRES year Y describes the workforce at 31 March Y; indicators 5-8 use the NHS
Staff Survey of autumn Y-1. Ethnic groups follow the NHS Data Dictionary ethnic category code
(A-C White; D-S BME; Z, 99 and anything that is not a code Unknown). Staff are counted as
people. Relative likelihoods (indicators 2-4) are oriented so that above 1 is adverse to BME
staff, with 95 % intervals (log method; MOVER-R with Wilson limits where a count is 0 or both
groups are at 100 %); indicator 3 pools the year with the year before. Rates and survey
percentages carry Wilson intervals, survey gaps Newcombe's; census shares (indicator 1, boards)
have no sampling interval. ICBs, regions, trust types and England pool their trusts' counts.
The public edition withholds survey results from fewer than 11 respondents and small staff and
HR-event counts at trust level; board membership is published in full. Full method and sources:
docs/methodology.md and docs/publishing.md in the wres-pipeline repository.</p>"""


def render(data: ReportData) -> str:
    sections = [("Headline figures", headlines(data)),
                ("Changes over five years", changes(data)),
                ("Trends since " + str(data.years[0]), trends(data)),
                ("How trusts compare", distribution(data)),
                ("Regions, ICBs and trust types", areas(data)),
                ("Model Employer in people", model_employer(data)),
                ("Data quality", quality(data)), ("Method", METHOD)]
    body = "".join(f"<h2>{escape(title)}</h2>{content}" for title, content in sections)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>WRES "
            f"{data.year}: national data report</title><style>{CSS}</style></head><body>"
            f"<h1>NHS Workforce Race Equality Standard {data.year}: national data report</h1>"
            f"<p class='note'>Public edition, snapshot {escape(data.snapshot_id)}. Workforce at "
            f"31 March {data.year}; NHS Staff Survey {data.year - 1}.</p>{body}</body></html>\n")
