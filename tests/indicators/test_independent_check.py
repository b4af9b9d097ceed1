"""Every trust's indicators, recomputed from the validated tables with plain Python
(reference_impl.py), agree with the pipeline's SQL to 1e-9, including indicator 3's two-year
window across a trust merger."""

import datetime as dt

import duckdb
import pytest

from tests.conftest import materialize_year
from tests.indicators import reference_impl
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

YEAR = 2024  # Southport and Ormskirk (RVY) merged into RBN in July 2023: its 2023 counts pool


def _rows(con, sql):
    relation = con.sql(sql)
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    root = tmp_path_factory.mktemp("independent")
    paths = PathsSettings.under(root, root / "landing")
    for year in (YEAR - 1, YEAR):
        generate_year(year, root / "landing", seed=13, scale=0.01)
        assert materialize_year(paths, year, upto="publish").success
    return paths


def _prior(paths):
    """Last year's disciplinary entries and headcounts per trust, predecessors mapped."""
    with duckdb.connect(str(paths.database(YEAR - 1)), read_only=True) as con:
        people, _ = reference_impl.people_and_posts(
            _rows(con, "select * from validated.esr_staff_in_post"))
        returns = _rows(con, "select * from validated.trust_return")
    with duckdb.connect(str(paths.database(YEAR)), read_only=True) as con:
        successions = _rows(con, "select * from validated.trust_successors")
    moved = {r["predecessor_code"]: r["successor_code"] for r in successions
             if r["effective_date"] <= dt.date(YEAR, 3, 31)}

    def current(code):
        while code in moved:
            code = moved[code]
        return code

    heads = {}
    for (trust, _), group in people.items():
        heads[(trust, group)] = heads.get((trust, group), 0) + 1
    prior = {}
    for row in returns:
        group = row["ethnic_group"].lower()
        trust = row["organisation_code"]
        a, n = prior.setdefault(current(trust), {}).get(group, (0, 0))
        prior[current(trust)][group] = (a + row["entered_formal_disciplinary"],
                                        n + heads.get((trust, group), 0))
    return prior


def test_every_trust_value_matches_plain_python(pipeline):
    prior = _prior(pipeline)
    with duckdb.connect(str(pipeline.database(YEAR)), read_only=True) as con:
        people, posts = reference_impl.people_and_posts(
            _rows(con, "select * from validated.esr_staff_in_post"))
        expected = reference_impl.trust_indicators(
            people, posts, _rows(con, "select * from validated.trust_return"),
            _rows(con, "select * from validated.staff_survey"),
            {r["question_code"]: int(r["indicator"]) for r in _rows(
                con, f"select * from reference.survey_questions where survey_year = '{YEAR - 1}'")},
            prior)
        got = {(r["area_code"], r["indicator"], r["measure"], r["breakdown"], r["group"]): r
               for r in _rows(con, "select * from indicators.wres_indicators "
                                   "where level = 'trust' and measure <> 'unknown_share'")}
    assert "RBN" in prior and any(k[0] == "RBN" and k[1] == 3 for k in expected)
    compared = 0
    for key, (value, lower, upper) in expected.items():
        row = got[key]
        if value is None:
            assert row["value"] is None and row["null_reason"], key
        else:
            assert row["value"] == pytest.approx(value, rel=1e-9, abs=1e-9), key
        for column, bound in (("ci_lower", lower), ("ci_upper", upper)):
            if bound is None:
                assert row[column] is None, (key, column)
            else:
                assert row[column] == pytest.approx(bound, rel=1e-9, abs=1e-9), (key, column)
        compared += 1
    # Nothing the pipeline reports at trust level escapes the comparison.
    reported = {k for k, r in got.items() if r["value"] is not None}
    missing = reported - set(expected)
    assert not {k for k in missing if k[2] != "share" or k[1] != 9}, sorted(missing)[:5]
    assert compared > 10_000
