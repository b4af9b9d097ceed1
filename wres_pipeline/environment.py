"""Faults of the machine rather than of the data, said in one line a person can act on.

A full disk, a file size limit, a read-only or missing folder, an unusable Dagster home or a
year's DuckDB file held by another program are not bad input: the command line ends with one
line naming the path and what to do (never a traceback), and a failed step's summary carries
the same advice. Nothing published changes: publishing is by atomic renames only.
"""

import errno
import re

ADVICE = {
    errno.ENOSPC: "the disk is full: free space there, then rerun",
    errno.EDQUOT: "the disk quota is used up: free space there, then rerun",
    errno.EFBIG: "a file size limit stopped the write (see `ulimit -f`): raise or remove it, "
                 "then rerun",
    errno.EROFS: "the folder is on a read-only file system: point the setting at a writable "
                 "folder (config.toml, WRES_DATA_DIR or DAGSTER_HOME), then rerun",
    errno.EACCES: "permission denied: make the folder writable by this user, or point the "
                  "setting elsewhere (config.toml, WRES_DATA_DIR or DAGSTER_HOME), then rerun",
    errno.EPERM: "operation not permitted: make the folder writable by this user, then rerun",
    errno.ENOTDIR: "a file stands where a folder is expected: move it or point the setting "
                   "elsewhere, then rerun",
    errno.EEXIST: "a file stands where a folder is expected: move it or point the setting "
                  "elsewhere, then rerun",
    errno.ENOENT: "not found: check the path in config.toml, WRES_DATA_DIR or DAGSTER_HOME",
}
DUCKDB_LOCK = re.compile(r"Could not set lock on file \"?([^\"\s:]+)\"?")
DUCKDB_HOLDER = re.compile(r"\(PID (\d+)\)")


class EnvironmentFault(Exception):
    """A fault of the machine found by the pipeline itself (not an OSError)."""


def explain(error: BaseException, dagster_home: str = "") -> str:
    """One line: what failed, on which path, and what to do."""
    original = getattr(error, "orig", None)  # SQLAlchemy's wrapper of the database's error
    if original is not None or type(error).__module__.startswith(("sqlite3", "sqlalchemy")):
        return (f"{dagster_home}: the Dagster home's storage cannot be written "
                f"({str(original or error).splitlines()[0]}): check free space, file size "
                "limits (`ulimit -f`) and that DAGSTER_HOME is a writable folder, then rerun")
    if isinstance(error, OSError):
        path = error.filename or ""
        advice = ADVICE.get(error.errno, error.strerror or str(error))
        return f"{path}: {advice}" if path else advice
    return advise(str(error))


def advise(message: str) -> str:
    """A step's root-cause message with advice added where the fault is the machine's."""
    lock = DUCKDB_LOCK.search(message)
    if lock:
        pid = DUCKDB_HOLDER.search(message)
        holder = f" (PID {pid.group(1)})" if pid else ""
        return (f"{lock.group(1)}: another program{holder} holds this DuckDB file: close it "
                "(a DuckDB shell or notebook?) or wait for it to finish, then rerun")
    for number, advice in ADVICE.items():
        if f"[Errno {number}]" in message:
            return f"{message.splitlines()[0]} ({advice})"
    if "readonly database" in message or "unable to open database file" in message:
        return (f"{message.splitlines()[0]} (the Dagster home cannot be written: make "
                "DAGSTER_HOME a writable folder, then rerun)")
    return message
