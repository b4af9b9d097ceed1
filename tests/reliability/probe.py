"""The crash-safety tests' probe (WRES_PROBE, wres_pipeline/probes.py): kill the process
outright (SIGKILL, as the out-of-memory killer or a lost machine would) at the point WRES_KILL_AT
names."""

import os
import signal


def point(name: str) -> None:
    if os.environ.get("WRES_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
