"""The one seam through which tests and benchmarks observe a run: named points and timed spans.

The pipeline marks the few points where a crash would matter most (`point`: between writing
and renaming, between one edition and the next) and times its own compute (`span`: reading a
raw file, running a SQL file). Both do nothing unless the environment variable WRES_PROBE names
a Python file, which is loaded once per process and called at each point and around each span:
the crash-safety tests' file kills the process at a chosen point (tests/reliability/probe.py),
the benchmarks' writes how long each span took (benchmarks/probe.py). Nothing in the package
acts on a point or a span itself.
"""

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

# Every named point, in the order a year's run passes them.
POINTS = (
    "ingest: archive copy written, not yet renamed",
    "ingest: extract staged, database not yet closed",
    "transform: indicators written, database not yet closed",
    "publish: snapshot written, not yet renamed",
    "publish: snapshot renamed, LATEST not yet moved",
    "publish: internal edition published, public not yet",
    "publish: public dataset half refreshed",
)


@cache
def _load(path: str):
    spec = importlib.util.spec_from_file_location("wres_probe", Path(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _probe():
    path = os.environ.get("WRES_PROBE")
    return _load(path) if path else None


def point(name: str) -> None:
    """The run has reached a named point (one of POINTS)."""
    if name not in POINTS:
        raise ValueError(f"no probe point {name!r}")
    probe = _probe()
    if probe is not None and hasattr(probe, "point"):
        probe.point(name)


@contextmanager
def span(kind: str, what: str, con=None) -> Iterator[None]:
    """A stretch of the pipeline's own compute: `kind` (read, sql), `what` (a table or SQL
    file) and the DuckDB database it runs in, if any."""
    probe = _probe()
    if probe is None or not hasattr(probe, "span"):
        yield
        return
    database = con.sql("select current_database()").fetchall()[0][0] if con else ""
    with probe.span(kind, what, database):
        yield
