"""Which years `wres-pipeline run` builds, and what `wres-pipeline status` says of each.

A year is built when it was asked for and is not already published from the same files,
settings, code and earlier years; a published year that was not asked for is built when it is
stale (an earlier year it read has republished: wres_pipeline/staleness.py). Each decision is
taken just before the year's turn, in year order, so a year republished a moment ago counts.
"""

from pathlib import Path

from wres_pipeline import staleness
from wres_pipeline.completion import BuiltFrom
from wres_pipeline.resources import WresSettings


def unchanged(year: int, current: WresSettings, built: BuiltFrom) -> str | None:
    """The year's snapshot when it is already published from exactly the files now in the
    landing zone, with the same settings and code, and nothing it reads has changed since."""
    from wres_pipeline.unchanged import unchanged_snapshot

    paths = current.paths
    return unchanged_snapshot(paths.landing, paths.published, built, year, current.recorded())


def should_build(year: int, requested: bool, current: WresSettings, built: BuiltFrom) -> bool:
    """Should `run` build this year now? Says why not, or why a year not asked for is rebuilt.
    Called just before the year's turn, so an earlier year republished a moment ago counts."""
    stale = staleness.reasons(built, current.paths.published, year)
    if stale:
        print(f"{year}: stale ({'; '.join(stale)}); rebuilding")
        return True
    if not requested:
        return False
    snapshot = unchanged(year, current, built)
    if snapshot:
        print(f"{year}: unchanged since snapshot {snapshot} (same files, settings, code and "
              "earlier years); nothing to do (--force to rebuild)")
        return False
    return True


def later_published(years: list[int], current: WresSettings) -> list[int]:
    """Published years after the first asked for, with landing files: candidates to rebuild
    when an earlier year republishes."""
    return [y for y in staleness.published_years(current.paths.published)
            if y > years[0] and y not in years and (Path(current.paths.landing) / str(y)).is_dir()]


def status(current: WresSettings, built: BuiltFrom) -> int:
    """`wres-pipeline status`: each year's published snapshots and whether it is current,
    stale (and why) or to be rebuilt; then the time series."""
    from wres_pipeline.completion import pointers

    landed = {int(p.name) for p in Path(current.paths.landing).glob("[0-9][0-9][0-9][0-9]")
              if p.is_dir()}
    published = set(staleness.published_years(current.paths.published))
    print(f"{'year':<6}{'landing':<9}{'internal':<18}{'public':<18}state")
    for year in sorted(landed | published):
        editions = pointers(current.paths.published, year)
        stale = staleness.reasons(built, current.paths.published, year)
        if year not in published:
            state = "not published"
        elif stale:
            state = "STALE: " + "; ".join(stale)
        elif year not in landed:
            state = "published (no landing files)"
        elif unchanged(year, current, built):
            state = "current"
        else:
            state = "to rebuild: files, settings or code changed, or the run did not finish"
        print(f"{year:<6}{'yes' if year in landed else 'no':<9}"
              f"{editions['internal'] or '-':<18}{editions['public'] or '-':<18}{state}")
    series = staleness.series_reasons(built, current.paths.published)
    print(f"time series: {'STALE: ' + '; '.join(series) if series else 'current'}")
    return 0
