"""The project-local instance's event log: Dagster's SQLite event log storage, in the same files,
with connections kept open and commits that do not wait on the disk.

Dagster's `SqliteEventLogStorage` opens a new engine and connection for every write and, with
SQLite's default `synchronous=FULL`, waits for the disk at every commit. A national year writes
about 500 events, and an asset check's evaluation touches three databases (the run's, the
cross-run index and the check table), so those writes took 12.7 s of a 66 s run (issue 19).

Here each database keeps one engine with one pooled connection, and each connection uses
`synchronous=NORMAL`, which SQLite documents as safe in WAL mode (Dagster puts every event log
database in WAL mode): a commit is durable once the process has written it, so a run that
crashes keeps every event it wrote; only a power cut or an operating-system crash can lose the
last commits, never corrupt a database. Events are stored at about 1.5 ms each instead of
12 ms. Every write still happens at once, in the order Dagster makes it, so the UI, sensors and
the daemon see each event as before; nothing is buffered.

Dagster is pinned (pyproject.toml). The one method this class replaces, `_connect`, is private:
tests/operations/test_event_log.py fails if an upgrade changes what it relies on.
"""

import os
import threading
from collections import OrderedDict
from contextlib import contextmanager

import sqlalchemy as db
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    INDEX_SHARD_NAME,
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from dagster._core.storage.sql import create_engine
from dagster._serdes import ConfigurableClassData
from sqlalchemy.pool import QueuePool

from wres_pipeline import probes

# The index database and the few runs a process writes or reads at once stay open; a webserver
# that reads many runs closes the least recently used (each run has its own database file).
OPEN_RUN_DATABASES = 8


class LocalEventLogStorage(SqliteEventLogStorage):
    """Dagster's SQLite event log under `<DAGSTER_HOME>/history/runs`, writing each event at once
    through a kept-open connection with `synchronous=NORMAL`."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        self._engines: OrderedDict[str, db.Engine] = OrderedDict()
        self._engines_lock = threading.Lock()
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def config_type(cls):
        from dagster import StringSource

        return {"dagster_home": StringSource}

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        # The same folder Dagster's default SQLite storage uses, so that a home keeps its history.
        base_dir = os.path.join(config_value["dagster_home"], "history", "runs", "")
        return cls(base_dir, inst_data=inst_data)

    def _engine(self, shard: str) -> db.Engine:
        with self._engines_lock:
            engine = self._engines.pop(shard, None)
            if engine is None:
                engine = create_engine(
                    # One connection kept per database (creating a database inspects it on a
                    # second, closed when returned), handed to one thread at a time by the pool
                    # and Dagster's own lock: it may be opened on one thread and used on another.
                    self.conn_string_for_shard(shard), poolclass=QueuePool, pool_size=1,
                    max_overflow=2, pool_timeout=SQLITE_BUSY_TIMEOUT_SECONDS,
                    connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
                                  "check_same_thread": False})
                db.event.listen(engine, "connect", _synchronous_normal)
            self._engines[shard] = engine  # the most recently used last
            runs = [s for s in self._engines if s != INDEX_SHARD_NAME]
            for closing in runs[:-OPEN_RUN_DATABASES]:
                self._engines.pop(closing).dispose()
            return engine

    @contextmanager
    def _connect(self, shard: str):
        # As SqliteEventLogStorage._connect (one transaction per call, the database created on
        # first use), with the engine kept instead of made and disposed each time.
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def store_event(self, event) -> None:
        # Timed for the benchmarks (wres_pipeline/probes.py; nothing unless WRES_PROBE is set).
        kind = event.dagster_event_type
        with probes.span("events", kind.value if kind else "log"):
            super().store_event(event)

    def close_databases(self) -> None:
        """Close every kept connection (they reopen on the next write or read)."""
        with self._engines_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()

    def wipe(self) -> None:
        self.close_databases()  # the run databases are deleted: no connection may hold them
        super().wipe()

    def dispose(self) -> None:
        self.close_databases()
        super().dispose()


def _synchronous_normal(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")
