"""The year's site, read back: every trust page's figures against the public edition, every
page's CSV file and the workbook against it too, the national report's sections, a rebuild that
changes nothing, and a site built from the public edition alone (no other file read)."""

import csv
import math
import re
import shutil
from html import unescape
from pathlib import Path

import duckdb
import pytest

from wres_pipeline.publish.snapshot import latest
from wres_pipeline.report.exports import CSV_COLUMNS
from wres_pipeline.report.site import build, site_root

YEAR = 2023


@pytest.fixture(scope="module")
def site(published_sites):
    return site_root(published_sites.published) / str(YEAR)


def _public(paths, table, where="true"):
    root = Path(paths.published) / "public"
    path = root / str(YEAR) / latest(root, YEAR) / f"{table}.parquet"
    relation = duckdb.sql(f"select * from read_parquet('{path}') where {where}")
    return [dict(zip(relation.columns, r, strict=True)) for r in relation.fetchall()]


def _expected(row):
    """A headline value printed as a reader should see it (written here independently of the
    site's own formatting code)."""
    if row is None or row["value"] is None:
        return "\u2013"
    if row["measure"] == "relative_likelihood":
        return f"{row['value']:.2f}"
    if row["measure"] == "gap_pp":
        return f"{row['value']:+.1f} pp"
    return f"{row['value']:.1f}%"


HEADLINE = {1: ("share", "all", "BME"), 2: ("relative_likelihood", "all", "all"),
            3: ("relative_likelihood", "all", "all"), 4: ("relative_likelihood", "all", "all"),
            5: ("gap_pp", "all", "all"), 6: ("gap_pp", "all", "all"), 7: ("gap_pp", "all", "all"),
            8: ("gap_pp", "all", "all"), 9: ("gap_pp", "board_voting", "all")}
FIGURE = re.compile(r'<h3 id="ind(\d)">.*?</h3>\s*<p><span class="figure">([^<]*)</span>', re.S)


def _headlines(paths, level):
    found = {}
    for row in _public(paths, "indicators", f"level = '{level}'"):
        key = (row["measure"], row["breakdown"], row["group"])
        if HEADLINE.get(row["indicator"]) == key:
            found[(row["area_code"], row["indicator"])] = row
    return found


def test_every_trust_page_shows_the_public_editions_figures(published_sites, site):
    trusts = _public(published_sites, "organisations")
    pages = sorted(p.stem for p in (site / "trust").glob("*.html"))
    assert pages == sorted(t["organisation_code"] for t in trusts)
    public = _headlines(published_sites, "trust")
    icbs = _headlines(published_sites, "icb")
    compared = 0
    for trust in trusts:
        code = trust["organisation_code"]
        html = (site / "trust" / f"{code}.html").read_text(encoding="utf-8")
        shown = dict(FIGURE.findall(html))
        assert sorted(shown) == [str(i) for i in range(1, 10)], code
        for indicator in range(1, 10):
            assert shown[str(indicator)] == _expected(public.get((code, indicator))), (
                code, indicator)
        # The ICB's figure beside it is the ICB's published one.
        for indicator in (2, 4):
            icb = _expected(icbs.get((trust["icb_code"], indicator)))
            assert re.search(rf'icb/{trust["icb_code"]}.html">[^<]*</a></th><td class="n">'
                             rf"{re.escape(icb)}</td>", html.split(f'id="ind{indicator}"')[1])
            compared += 1
        assert trust["organisation_name"] in unescape(html), code
    assert compared == 2 * len(trusts)


def test_a_trust_page_says_it_in_words_with_the_levels_above_and_what_is_withheld(site):
    texts = [p.read_text(encoding="utf-8") for p in sorted((site / "trust").glob("*.html"))]
    joined = unescape("\n".join(texts))
    assert re.search(r"White applicants were \d+\.\d\d times as likely as BME applicants to be "
                     r"appointed from shortlisting; this is (significantly (above|below) "
                     r"equality|not significantly different from equality)", joined)
    assert "Among peers: " in joined and "(1 = most adverse to BME staff)" in joined
    assert re.search(r"2018 \(5 years before\)</th><td class=\"n\">[^<]+</td><td>change since: "
                     r"[+-]", joined)
    assert "Withheld in the public edition:" in joined and "a count from 1 to 7" in joined
    # Model Employer in people: a total where every band it adds up is published (at the
    # sample's small trusts their senior bands are mostly withheld, and the page says so).
    for text in texts:
        assert ("more BME staff needed to be on this year's trajectory" in text) != (
            "No total in people: a band it adds up is withheld." in text)
    regions = "".join(p.read_text(encoding="utf-8") for p in (site / "region").glob("*.html"))
    assert regions.count("more BME staff needed to be on this year's trajectory") >= 5
    assert "of staff have unknown ethnicity in ESR" in joined
    for text in texts[:20]:
        assert text.count('<section class="indicator"') == 9
        assert text.count("<svg") == 9 and text.count("Data table:") == 9


def test_area_pages_list_their_trusts_and_mark_the_significantly_adverse(published_sites,
                                                                        site):
    trusts = _public(published_sites, "organisations")
    for level, field in (("icb", "icb_code"), ("region", "region_code"),
                         ("trust_type", "trust_type")):
        codes = {t[field] for t in trusts}
        assert {p.stem for p in (site / level).glob("*.html")} == codes
        for code in codes:
            html = (site / level / f"{code}.html").read_text(encoding="utf-8")
            members = [t["organisation_code"] for t in trusts if t[field] == code]
            assert all(f'href="../trust/{m}.html"' in html for m in members), (level, code)
    adverse = _public(published_sites, "indicators",
                      "level = 'trust' and indicator = 4 and measure = 'relative_likelihood' "
                      "and adverse_significant")
    by_region = {}
    for row in adverse:
        region = next(t["region_code"] for t in trusts if t["organisation_code"] ==
                      row["area_code"])
        by_region[region] = by_region.get(region, 0) + 1
    for region, count in by_region.items():
        html = (site / "region" / f"{region}.html").read_text(encoding="utf-8")
        last = html[html.index("Trusts significantly adverse"):].split("</tr>")[0]
        assert re.findall(r'<td class="n">(\d+)</td>', last)[3] == str(count), region


def test_every_csv_file_holds_the_public_rows_as_published(published_sites, site):
    rows = _public(published_sites, "indicators")
    by_area = {}
    for row in rows:
        by_area.setdefault((row["level"], row["area_code"]), []).append(row)
    files = list((site / "csv").rglob("*.csv"))
    assert len(files) == len(by_area)
    for path in files:
        level, code = path.parent.name, path.stem
        with path.open(encoding="utf-8") as handle:
            read = [r for r in csv.DictReader(handle) if r["section"] == "indicators"]
        assert list(read[0]) == CSV_COLUMNS
        published = sorted(by_area[(level, code)], key=lambda r: (
            r["indicator"], r["measure"], r["breakdown"], r["group"]))
        assert len(read) == len(published), path
        for got, want in zip(read, published, strict=True):
            assert (got["measure"], got["breakdown"], got["group"]) == (
                want["measure"], want["breakdown"], want["group"])
            value = float(got["value"]) if got["value"] else None
            assert value == want["value"] or (value is None and want["value"] is None) or (
                math.isclose(value, want["value"], rel_tol=0, abs_tol=0)), (path, got)
            assert (got["suppressed"] == "True") == want["suppressed"]


def test_the_workbook_has_a_sheet_per_level_with_the_published_values(published_sites, site):
    from openpyxl import load_workbook

    book = load_workbook(site / f"wres_{YEAR}.xlsx", read_only=True)
    assert book.sheetnames == ["About", "England", "Regions", "ICBs", "Trust types", "Trusts",
                               "Model Employer"]
    sheet = list(book["Trusts"].iter_rows(values_only=True))
    header, body = sheet[0], sheet[1:]
    public = _headlines(published_sites, "trust")
    assert len(body) == len(_public(published_sites, "organisations"))
    column = header.index("Ind. 4 relative likelihood")
    for row in body:
        want = public.get((row[0], 4))
        want = want["value"] if want else None
        # Excel keeps 15 significant digits (openpyxl writes 16): equal to that precision.
        assert (row[column] is None and want is None) or math.isclose(
            row[column], want, rel_tol=1e-14), row[0]
    about = [r[0] for r in book["About"].iter_rows(values_only=True)]
    assert "Relative likelihoods" in " ".join(about)


def test_the_national_report_is_on_the_same_templates_and_complete(site):
    html = (site / "national.html").read_text(encoding="utf-8")
    for section in ("Headline figures", "Changes over five years", "Trends since 2018",
                    "How trusts compare", "Regions, ICBs and trust types",
                    "Model Employer in people", "Data quality", "Method"):
        assert f"<h2>{section}</h2>" in html
    assert html.count("<svg") >= 9 and html.count("Data table:") == html.count("<svg")
    assert re.search(r"BME very senior managers</strong>: [0-9.]+% in 2023, (up|down) "
                     r"[0-9.]+ percentage points from [0-9.]+% in 2018; [0-9,]+ people", html)
    assert html.count("Integrated Care Board</a></td>") >= 20
    assert re.search(r"<td>band_8c_to_vsm</td><td class=\"n\">[0-9,]+</td>", html)
    assert 'href="index.html"' in html


def test_the_site_is_self_contained(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:|//)""", html), path
        assert "<script" not in html or path.name == "index.html", path
        for link in re.findall(r'href="([^"#]+)"', html):
            assert (path.parent / link).exists(), (path, link)


def test_a_rebuild_from_the_public_edition_alone_gives_the_same_bytes(published_sites, site,
                                                                      tmp_path):
    first = site.resolve()
    again = build(published_sites.published, YEAR, 0.10, 0.05)
    assert again.path.resolve() == first and again.build == first.name
    public_only = tmp_path / "published"
    shutil.copytree(Path(published_sites.published) / "public", public_only / "public",
                    ignore=shutil.ignore_patterns("site"))
    rebuilt = build(public_only, YEAR, 0.10, 0.05)
    assert rebuilt.build == first.name
    for path in first.rglob("*"):
        if path.is_file():
            twin = rebuilt.path / path.relative_to(first)
            assert twin.read_bytes() == path.read_bytes(), path
