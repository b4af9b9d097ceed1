"""The benchmarks' probe (WRES_PROBE, wres_pipeline/probes.py): each span of the pipeline's own
compute (reading raw files, running SQL) appends one line to the file WRES_TIMINGS names,
`<kind>\t<what>\t<database>\t<seconds>`; benchmarks/measure.py reads them."""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

# PyArrow imports pandas the first time it builds a scalar or an array from Python values,
# which a run first does inside a compute span (about 0.3 s). The pandas baseline is timed
# with pandas already imported (benchmarks/pandas_run.py), so the probe, loaded before its
# first span starts, imports it too: both sides' compute leave the import out. The whole
# year's wall time still pays it.
import pandas  # noqa: F401


@contextmanager
def span(kind: str, what: str, database: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        with open(os.environ["WRES_TIMINGS"], "a", encoding="utf-8") as out:
            out.write(f"{kind}\t{what}\t{database}\t{time.perf_counter() - started:.6f}\n")
