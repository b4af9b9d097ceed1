"""The seam tests and benchmarks observe a run through: inert by default, a named file's hooks
when WRES_PROBE names one."""

import duckdb
import pytest

from wres_pipeline import probes

PROBE = '''
import contextlib
seen = []

def point(name):
    seen.append(("point", name))

@contextlib.contextmanager
def span(kind, what, database):
    seen.append(("start", kind, what, database))
    yield
    seen.append(("end", kind, what, database))
'''


def test_points_and_spans_do_nothing_without_a_probe(monkeypatch):
    monkeypatch.delenv("WRES_PROBE", raising=False)
    probes.point(probes.POINTS[0])
    with probes.span("sql", "core/people.sql"):
        pass


def test_a_probe_file_sees_every_point_and_span(tmp_path, monkeypatch):
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    monkeypatch.setenv("WRES_PROBE", str(probe))
    probes.point("publish: snapshot written, not yet renamed")
    with duckdb.connect(str(tmp_path / "wres_2020.duckdb")) as con, \
            probes.span("sql", "core/people.sql", con):
        pass
    assert probes._load(str(probe)).seen == [
        ("point", "publish: snapshot written, not yet renamed"),
        ("start", "sql", "core/people.sql", "wres_2020"),
        ("end", "sql", "core/people.sql", "wres_2020")]


def test_an_unknown_point_is_a_mistake_in_the_code():
    with pytest.raises(ValueError, match="no probe point"):
        probes.point("publish: somewhere new")
