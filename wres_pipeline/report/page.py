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
    return f"{value:.2f}" if unit == "x" else f"{value:.1f}{'' if unit == '%' else ' '}{unit}"


def headlines(data: ReportData) -> str:
    previous = max((y for y in data.years if y < data.year), default=None)
    rows = []
    for label, indicator, measure, breakdown, group, unit in HEADLINES:
        now = data.england.get((data.year, indicator, measure, breakdown, group))
        before = data.england.get((previous, indicator, measure, breakdown, group))
        change = "" if now is None or before is None else f"{now - before:+.2f}"
        rows.append(f"<tr><td>{escape(label)}</td><td class='n'>{_fmt(now, unit)}</td>"
                    f"<td class='n'>{_fmt(before, unit)}</td><td class='n'>{change}</td></tr>")
    head = f"<th>{previous}</th>" if previous else "<th>previous year</th>"
    return ("<table><tr><th>England</th><th>" + str(data.year) + "</th>" + head +
            "<th>change</th></tr>" + "".join(rows) + "</table>")


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
        "Trusts' relative likelihoods (log scale; shaded 0.80-1.25; red line the median)",
        {f"Ind. {i}": data.trusts.get(i, []) for i in (2, 3, 4)})
    rows = [f"<tr><td>{d['indicator']}</td><td>{escape(str(d['breakdown']))}</td>"
            f"<td class='n'>{d['trusts']}</td><td class='n'>{_fmt(d['median'], 'x')}</td>"
            f"<td class='n'>{_fmt(d['lower_quartile'], 'x')} &ndash; "
            f"{_fmt(d['upper_quartile'], 'x')}</td><td class='n'>"
            f"{_fmt(d['percent_above_range'], '%')}</td><td class='n'>"
            f"{_fmt(d['percent_adverse_significant'], '%')}</td></tr>"
            for d in data.distribution if d["measure"] == "relative_likelihood"]
    return chart + ("<table><tr><th>indicator</th><th>breakdown</th><th>trusts</th>"
                    "<th>median</th><th>quartiles</th><th>above 1.25</th>"
                    "<th>significantly adverse</th></tr>" + "".join(rows) + "</table>")


def areas(data: ReportData) -> str:
    out = []
    for level, title in (("region", "NHS England region"), ("trust_type", "Trust type")):
        names = sorted({a[1] for a in data.areas if a[0] == level})
        value = {(a[1], a[2], a[3]): a[4] for a in data.areas if a[0] == level}
        out.append(svg.bar_chart(f"BME share of the workforce by {title.lower()}",
                                 [(n, value.get((n, 1, "share"))) for n in names], "%"))
        rows = "".join(f"<tr><td>{escape(n)}</td>" + "".join(
            f"<td class='n'>{_fmt(value.get((n, i, 'relative_likelihood')), 'x')}</td>"
            for i in (2, 3, 4)) + "</tr>" for n in names)
        out.append(f"<table><tr><th>{title}</th><th>Ind. 2</th><th>Ind. 3</th><th>Ind. 4</th>"
                   f"</tr>{rows}</table>")
    return "".join(out)


def model_employer(data: ReportData) -> str:
    if not data.model_employer:
        return "<p class='note'>No Model Employer targets this year (before the baseline " \
               "year, or the baseline year is not published).</p>"
    rows = "".join(f"<tr><td>{escape(b)}</td><td class='n'>{bme:,}</td><td class='n'>"
                   f"{target:,}</td><td class='n'>{max(target - bme, 0):,}</td>"
                   f"<td class='n'>{n}</td></tr>" for b, bme, target, n in data.model_employer)
    return ("<table><tr><th>band</th><th>BME staff</th><th>this year's target</th>"
            "<th>short of target</th><th>trusts</th></tr>" + rows + "</table><p class='note'>"
            "Sums over trusts whose figures are published (not suppressed).</p>")


def quality(data: ReportData) -> str:
    missing = sorted(t["organisation_code"] for t in data.quality_trusts if not t["has_return"])
    high = [t for t in data.quality_trusts if (t["unknown_share"] or 0) > 10]
    tables = "".join(f"<tr><td>{escape(t['table'])}</td><td class='n'>{t['rows']:,}</td>"
                     f"<td class='n'>{t['quarantined_rows']:,}</td></tr>"
                     for t in data.quality_tables)
    return (f"<p>{len(data.quality_trusts)} trusts. Returns missing: "
            f"{escape(', '.join(missing)) or 'none'}. Trusts with more than 10 % of staff of "
            f"unknown ethnicity (where published): {len(high)}. {data.suppressed:,} of "
            f"{data.rows:,} indicator rows are withheld in this public edition (counts from 1 "
            f"to 7 and what derives from them).</p><table><tr><th>raw table</th><th>rows</th>"
            f"<th>quarantined</th></tr>{tables}</table>")


METHOD = """<p>WRES year Y describes the workforce at 31 March Y; indicators 5-8 use the NHS
Staff Survey of autumn Y-1. Ethnic groups follow the first character of the NHS Data Dictionary
ethnic category (A-C White; D-S BME; the rest Unknown). Staff are counted as people. Relative
likelihoods (indicators 2-4) are oriented so that above 1 is adverse to BME staff, with 95 %
intervals by the log method; indicator 3 pools the year with the year before. Proportions carry
Wilson intervals. Regions, trust types and England pool their trusts' counts. Full method and
sources: docs/methodology.md in the wres-pipeline repository.</p>"""


def render(data: ReportData) -> str:
    sections = [("Headline figures", headlines(data)), ("Trends since " + str(data.years[0]),
                trends(data)), ("How trusts compare", distribution(data)),
                ("Regions and trust types", areas(data)),
                ("Model Employer progress", model_employer(data)),
                ("Data quality", quality(data)), ("Method", METHOD)]
    body = "".join(f"<h2>{escape(title)}</h2>{content}" for title, content in sections)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>WRES "
            f"{data.year}: national data report</title><style>{CSS}</style></head><body>"
            f"<h1>NHS Workforce Race Equality Standard {data.year}: national data report</h1>"
            f"<p class='note'>Public edition, snapshot {escape(data.snapshot_id)}. Workforce at "
            f"31 March {data.year}; NHS Staff Survey {data.year - 1}.</p>{body}</body></html>\n")
