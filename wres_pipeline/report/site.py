"""The year's site: an index with a search box, the national report, a page for every trust,
ICB, region and trust type, a CSV file per page and the year's workbook, built from the public
edition alone and opened offline (no server, no external file).

It is built in a folder of its own, named by a digest of its contents, and published by
swapping one symbolic link, `public/site/<year>`, in a single rename: a reader sees the old
site or the new one, never a mixture; a rebuild from the same snapshots changes nothing.
"""

import hashlib
import os
import re
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from wres_pipeline.atomic import process_alive
from wres_pipeline.publish.snapshot import latest_folders
from wres_pipeline.report import data as report_data
from wres_pipeline.report import exports, national
from wres_pipeline.report.render import render
from wres_pipeline.report.site_data import load
from wres_pipeline.report.site_pages import area_pages, common, index, trust_pages, write


@dataclass(frozen=True)
class Site:
    path: Path  # public/site/<year> (the link)
    index: Path
    pages: int
    files: int
    snapshot_id: str
    build: str  # the folder the link names
    seconds: dict  # seconds per stage


def site_root(published: str | Path) -> Path:
    return Path(published) / "public" / "site"


def build(published: str | Path, year: int, unknown_warning: float,
          headcount_tolerance: float) -> Site:
    """Build the year's site from the public edition and publish it (one rename)."""
    public = Path(published) / "public"
    clock = _Clock()
    with clock("read"):
        # Every LATEST read once: the pages and the national report show one set of snapshots.
        folders = latest_folders(public, year)
        data = load(folders, year)
        report = report_data.load(folders, year)
    root = site_root(published)
    builds = root / ".builds"
    builds.mkdir(parents=True, exist_ok=True)
    _clear_stale(builds, root, year)
    staging = builds / f".partial-{year}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with clock("national report"):
            write(staging, "national.html", render(
                "national.html", **common(data, ""), **national.context(report)))
            exports.write_csv(staging / "csv" / "england" / "E92000001.csv",
                              exports.csv_rows(data, "england", "E92000001"))
        with clock("trust pages"):
            count = 2 + trust_pages(staging, data, (unknown_warning, headcount_tolerance))
        with clock("area pages"):
            count += area_pages(staging, data)
            index(staging, data)
        with clock("workbook"):
            exports.write_workbook(staging / f"wres_{year}.xlsx", data, _method_lines())
        with clock("publish"):
            files = sum(1 for p in staging.rglob("*") if p.is_file())
            final = builds / f"{year}-{_digest(staging)}"
            if final.exists():
                shutil.rmtree(staging)
            else:
                staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    with clock("publish"):
        link = root / str(year)
        _point(link, final)
        for old in builds.glob(f"{year}-*"):
            if old != final:
                shutil.rmtree(old, ignore_errors=True)
    return Site(path=link, index=link / "index.html", pages=count, files=files,
                snapshot_id=data.snapshot_id, build=final.name, seconds=clock.seconds)


class _Clock:
    """Seconds per stage of a build (the asset's metadata and the benchmark print them)."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = round(self.seconds.get(stage, 0.0)
                                        + time.perf_counter() - started, 3)


def _clear_stale(builds: Path, root: Path, year: int) -> None:
    """Remove what a build of the year killed part-way left: its partial folder or link."""
    for stale in [*builds.glob(f".partial-{year}-*"), *root.glob(f".{year}.link-*")]:
        pid = stale.name.rsplit("-", 1)[1]
        if pid.isdigit() and not process_alive(int(pid)):
            if stale.is_symlink() or stale.is_file():
                stale.unlink(missing_ok=True)
            else:
                shutil.rmtree(stale, ignore_errors=True)


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _point(link: Path, target: Path) -> None:
    """Make `link` name `target` (relative, so the tree can move) in one rename."""
    relative = os.path.relpath(target, link.parent)
    if link.is_symlink() and os.readlink(link) == relative:
        return
    partial = link.with_name(f".{link.name}.link-{os.getpid()}")
    partial.unlink(missing_ok=True)
    partial.symlink_to(relative, target_is_directory=True)
    os.replace(partial, link)


def _method_lines() -> list[str]:
    text = render("method.html")
    return [unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))).strip()]
