"""`wres-pipeline ui`: the Dagster UI and the daemon, as the team runs them on one machine.

Two processes, as `dagster dev` starts them but without its development-only extras: the
webserver (bound to loopback by default) and the daemon, which starts queued runs (the UI's
Materialize, backfills), evaluates the schedule and sensors, and runs asset backfills. Both read
`workspace.yaml` and the project-local Dagster home. They log at INFO.

SIGINT (Ctrl-C) or SIGTERM (a service manager, `kill`) stops both: each is asked to stop, given
`GRACE_SECONDS`, then killed with its process group, so nothing is left listening or holding the
Dagster home.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from wres_pipeline.instance import create_storage
from wres_pipeline.paths import PROJECT_ROOT

GRACE_SECONDS = 30


def commands(host: str, port: int) -> dict[str, list[str]]:
    """The webserver's and the daemon's command lines."""
    bin_dir = Path(sys.executable).parent
    return {
        "webserver": [str(bin_dir / "dagster-webserver"), "-w", "workspace.yaml", "-h", host,
                      "-p", str(port), "--dagster-log-level", "info"],
        "daemon": [str(bin_dir / "dagster-daemon"), "run", "-w", "workspace.yaml",
                   "--log-level", "info"],
    }


def serve(host: str, port: int) -> int:
    """Run the webserver and the daemon until either exits or a signal asks them to stop;
    return the exit status (0 when stopped by a signal)."""
    stopping = []

    def stop(signum, _frame):
        stopping.append(signum)

    # Both processes would create a new Dagster home's storage at once and collide in its
    # migrations: create it first, as every command does.
    create_storage()
    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    processes = {name: subprocess.Popen(command, cwd=PROJECT_ROOT, start_new_session=True)
                 for name, command in commands(host, port).items()}
    print(f"Dagster UI: http://{host}:{port} (webserver pid {processes['webserver'].pid}, "
          f"daemon pid {processes['daemon'].pid}); Ctrl-C stops both", flush=True)
    try:
        while not stopping and all(p.poll() is None for p in processes.values()):
            time.sleep(1.0)  # a signal's handler runs during the sleep; the loop then ends
    finally:
        for process in processes.values():
            _stop(process)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if stopping:
        return 0
    return next(p.returncode for p in processes.values() if p.returncode is not None) or 1


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)  # both shut down cleanly on an interrupt
    try:
        process.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
