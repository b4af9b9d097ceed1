"""What a failed step says to a person: the error the asset raised (Dagster wraps it in its
own), cut to a readable length, with advice where the fault is the machine's. The command line's
summary and the run-failure sensor both explain failures with it."""


def innermost(error):
    """The error the asset raised (Dagster wraps it in its own)."""
    while error.cause is not None:
        error = error.cause
    return error


def root_cause(error) -> str:
    """The message of the innermost error, cut to a readable length, with advice where the
    fault is the machine's (a full disk, a held DuckDB file: wres_pipeline/environment.py)."""
    from wres_pipeline.environment import advise
    from wres_pipeline.ingest.errors import shorten

    return shorten(advise(innermost(error).message.strip()), 1000)
