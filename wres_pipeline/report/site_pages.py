"""The site's pages, written into a build folder: a page per trust (with its CSV file), per
region, ICB and trust type (with theirs) and the index. Each page is a template of
wres_pipeline/report/templates/ given what wres_pipeline/report/pages.py says."""

from pathlib import Path

from wres_pipeline.report import exports, pages
from wres_pipeline.report.figures import HEADLINES, number
from wres_pipeline.report.render import render
from wres_pipeline.report.site_data import SiteData

AREA_LEVELS = (("region", "NHS England regions", "region_code"),
               ("icb", "Integrated care boards", "icb_code"),
               ("trust_type", "Trust types", "trust_type"))


def common(data: SiteData, root: str) -> dict:
    return {"year": data.year, "snapshot_id": data.snapshot_id, "root": root}


def _above(data: SiteData, trust: dict) -> list[tuple]:
    return [("icb", trust["icb_code"], trust["icb_name"]),
            ("region", trust["region_code"], trust["region_name"]),
            ("trust_type", trust["trust_type"], data.names[("trust_type", trust["trust_type"])]),
            ("england", "E92000001", "England")]


def write(folder: Path, relative: str, text: str) -> None:
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def trust_pages(folder: Path, data: SiteData, thresholds: tuple[float, float]) -> int:
    peers = pages.Peers(data)
    for trust in data.trusts:
        code = trust["organisation_code"]
        write(folder, f"trust/{code}.html", render(
            "trust.html", **common(data, "../"), trust=trust,
            type_name=data.names[("trust_type", trust["trust_type"])],
            sections=pages.indicator_sections(data, "trust", code, _above(data, trust), peers,
                                              trust),
            model=pages.model_employer(data, "trust", code),
            quality=pages.quality_notes(trust, *thresholds)))
        exports.write_csv(folder / "csv" / "trust" / f"{code}.csv",
                          exports.csv_rows(data, "trust", code))
    return len(data.trusts)


def area_pages(folder: Path, data: SiteData) -> int:
    written = 0
    for level, _, field in AREA_LEVELS:
        for code, name in data.areas(level):
            members = [t for t in data.trusts if t[field] == code]
            above = [("england", "E92000001", "England")]
            if level == "icb" and members:  # an ICB lies within one region
                above.insert(0, ("region", members[0]["region_code"],
                                 members[0]["region_name"]))
            cells = [{"code": t["organisation_code"], "name": t["organisation_name"],
                      "cells": _cells(data, "trust", t["organisation_code"])}
                     for t in sorted(members, key=lambda t: t["organisation_name"])]
            write(folder, f"{level}/{code}.html", render(
                "area.html", **common(data, "../"), level=level, code=code, name=name,
                level_name=pages.LEVEL_NAMES[level], headlines=HEADLINES, trusts=cells,
                own=_cells(data, level, code),
                adverse_counts=[sum(1 for t in cells if t["cells"][i]["flag"])
                                for i in range(len(HEADLINES))],
                model=pages.model_employer(data, level, code),
                sections=pages.indicator_sections(data, level, code, above)))
            exports.write_csv(folder / "csv" / level / f"{code}.csv",
                              exports.csv_rows(data, level, code))
            written += 1
    return written


def _cells(data: SiteData, level: str, code: str) -> list[dict]:
    out = []
    for h in HEADLINES:
        row = data.figure(level, code, (h.indicator, h.measure, h.breakdown, h.group))
        out.append({"value": number(row.get("value") if row else None, h.unit),
                    "flag": pages.flag(h, row)})
    return out


def index(folder: Path, data: SiteData) -> None:
    where = {t["organisation_code"]: f"{t['icb_name']}, {t['region_name']}"
             for t in data.trusts}
    groups = [("trust", "Trusts", [{"name": n, "code": c, "href": f"trust/{c}.html",
                                    "where": where.get(c)} for c, n in data.areas("trust")])]
    groups += [(level, title, [{"name": n, "code": c, "href": f"{level}/{c}.html",
                                "where": None} for c, n in data.areas(level)])
               for level, title, _ in AREA_LEVELS]
    write(folder, "index.html", render(
        "index.html", **common(data, ""), groups=groups,
        entries=[e for _, _, items in groups for e in items],
        counts={level: len(items) for level, _, items in groups}))
