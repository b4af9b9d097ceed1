"""Which published years, and whether the time series, rest on earlier snapshots that have since
been replaced.

A year's figures read earlier years: indicator 3 pools the year before, Model Employer targets
start from the baseline year, and the national report draws every earlier year's trend. Each
read is recorded: the internal snapshot's manifest names the earlier snapshots its figures used
(`earlier_years`), the report's materialisation names those it drew, and the time series'
names every year's snapshot it stacked (wres_pipeline/completion.py). When any of those is no
longer the snapshot its year's LATEST names (the year republished, or published for the first
time since), the later year is
stale: `wres-pipeline run` rebuilds it, in year order, and says why; `wres-pipeline status` and
the Dagster UI (the snapshot's data version) show it.
"""

import json
from pathlib import Path

from wres_pipeline.completion import BuiltFrom
from wres_pipeline.publish import snapshot
from wres_pipeline.publish.snapshot import latest


def _change(year: int, used: str | None, now: str | None) -> str:
    if used is None:
        return f"{year} published since"
    if now is None:
        return f"{year} withdrawn"
    return f"{year} republished"


def figure_reasons(published: Path, year: int) -> list[str]:
    """Why the year's published figures are stale (empty when they are current)."""
    root = Path(published) / "internal"
    snapshot = latest(root, year)
    if snapshot is None:
        return []
    manifest = json.loads((root / str(year) / snapshot / "manifest.json").read_text("utf-8"))
    reasons = []
    for use in manifest.get("earlier_years", []):
        now = latest(root, use["year"])
        if now != use["snapshot_id"]:
            reasons.append(f"{_change(use['year'], use['snapshot_id'], now)} "
                           f"({use['used_for']})")
    return reasons


def report_reasons(built: BuiltFrom, published: Path, year: int) -> list[str]:
    """Why the year's report is stale: an earlier year's public snapshot it drew has changed."""
    drawn = (built.report(year) or {}).get("report_years", {})
    public = Path(published) / "public"
    return [f"{_change(int(y), used, latest(public, int(y)))} (the report's trends)"
            for y, used in sorted(drawn.items()) if latest(public, int(y)) != used]


def reasons(built: BuiltFrom, published: Path, year: int) -> list[str]:
    """Every reason the published year is stale, figures first."""
    found = figure_reasons(published, year)
    return found + [r for r in report_reasons(built, published, year)
                    if r.split(" (")[0] not in {f.split(" (")[0] for f in found}]


def published_years(published: Path) -> list[int]:
    """The years with a published internal snapshot."""
    return snapshot.published_years(Path(published) / "internal")


def series_reasons(built: BuiltFrom, published: Path) -> list[str]:
    """Why the time series is stale: a year published, republished or withdrawn since."""
    years = published_years(published)
    used = built.series()
    if used is None:
        return ["never built"] if years else []
    root = Path(published) / "internal"
    return [_change(y, used.get(y), latest(root, y)) for y in sorted(set(used) | set(years))
            if used.get(y) != latest(root, y)]
