"""The landing-zone sensor: run a year when its landing folder changes (failed runs are
explained by wres_pipeline/run_failures.py).

The landing sensor fingerprints each year folder (file names, sizes and modification times) and
requests a run of that year when the fingerprint changes, but only once every file has been
still for `[schedule] quiet_seconds`, so a file still being copied is never picked up.
"""

import hashlib
import json
import time
from pathlib import Path

import dagster as dg

from wres_pipeline.ingest.landing import IGNORED_SUFFIXES
from wres_pipeline.jobs import wres_year_job
from wres_pipeline.partitions import wres_year_partitions
from wres_pipeline.resources import WresSettings
from wres_pipeline.unchanged import published_from


def fingerprint(folder: Path) -> tuple[str, float]:
    """A hash of the folder's files (name, size, modification time) and the newest change."""
    entries, newest = [], 0.0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith((".", "~$")) \
                or path.name.endswith(IGNORED_SUFFIXES):
            continue
        stat = path.stat()
        entries.append(f"{path.relative_to(folder).as_posix()}|{stat.st_size}|{stat.st_mtime_ns}")
        newest = max(newest, stat.st_mtime)
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()[:16], newest


def landing_changes(landing: Path, cursor: dict, now: float, quiet_seconds: float,
                    years: set[str], already_published=lambda year: False,
                    ) -> tuple[list[dg.RunRequest], dict]:
    """Run requests for changed, settled year folders, and the new cursor.

    A folder seen for the first time (a new cursor: the sensor was just switched on) or
    changed since is run only if its files are not the ones its latest snapshot was built from
    (`already_published(year)`, by SHA-256): switching the sensor on reruns nothing already
    published, and a file copied in again unchanged reruns nothing either. The years of one
    evaluation are one batch: each reads the years before it in the batch once they have run
    (wres_pipeline/year_order.py)."""
    requests, seen = [], dict(cursor)
    batch = f"landing-{int(now)}"
    for folder in sorted(Path(landing).iterdir()) if Path(landing).is_dir() else []:
        if folder.name not in years or not folder.is_dir():
            continue
        digest, newest = fingerprint(folder)
        if not newest or seen.get(folder.name) == digest or now - newest < quiet_seconds:
            continue
        seen[folder.name] = digest
        if already_published(int(folder.name)):
            continue
        requests.append(dg.RunRequest(run_key=f"landing-{folder.name}-{digest}",
                                      partition_key=folder.name,
                                      tags={"wres/trigger": "landing zone changed",
                                            "wres/batch": batch}))
    return requests, seen


@dg.sensor(job=wres_year_job, minimum_interval_seconds=60,
           description="Runs a WRES year when files in its landing folder are added or changed "
                       "(once they have stopped changing), unless its latest snapshot was built "
                       "from exactly those files. Off by default: switch it on in the UI.")
def landing_zone_sensor(context: dg.SensorEvaluationContext, settings: WresSettings):
    paths = settings.paths
    cursor = json.loads(context.cursor) if context.cursor else {}
    requests, cursor = landing_changes(
        Path(paths.landing), cursor, time.time(), settings.schedule.quiet_seconds,
        set(wres_year_partitions.get_partition_keys()),
        lambda year: published_from(Path(paths.landing), Path(paths.published), year))
    context.update_cursor(json.dumps(cursor, sort_keys=True))
    return requests or dg.SkipReason("no year folder has new or changed files")
