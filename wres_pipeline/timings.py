"""Opt-in timing of the pipeline's own compute (reading raw files, running SQL), for the
benchmarks: they compare it with DuckDB alone doing the same reading and counting.

Off unless `WRES_TIMINGS` names a file; then each timed block appends one line,
`<kind>\t<what>\t<database>\t<seconds>` (the DuckDB database it ran in, if any). Nothing else
reads it."""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def timed(kind: str, what: str, con=None) -> Iterator[None]:
    target = os.environ.get("WRES_TIMINGS")
    if not target:
        yield
        return
    database = con.sql("select current_database()").fetchall()[0][0] if con else ""
    started = time.perf_counter()
    try:
        yield
    finally:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{kind}\t{what}\t{database}\t{time.perf_counter() - started:.6f}\n")
