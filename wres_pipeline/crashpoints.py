"""Named points where the crash-safety tests kill the pipeline outright (SIGKILL, as the
out-of-memory killer or a lost machine would), to show that a crash at any of them leaves every
published file whole and the next run finishing without manual clean-up.

Inert unless the environment variable WRES_KILL_AT names the point; nothing sets it outside
tests/reliability/test_crash_safety.py."""

import os
import signal

POINTS = (
    "ingest: archive copy written, not yet renamed",
    "ingest: extract staged, database not yet closed",
    "transform: indicators written, database not yet closed",
    "publish: snapshot written, not yet renamed",
    "publish: snapshot renamed, LATEST not yet moved",
    "publish: internal edition published, public not yet",
    "publish: public dataset half refreshed",
)


def crash_point(point: str) -> None:
    if os.environ.get("WRES_KILL_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
