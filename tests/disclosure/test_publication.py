"""Two sample years published through Dagster with the disclosure model (`disclosure_model =
"cells"`): no count a primary rule protects is shown in any table, England's staff figures
stay, and the trust distribution is withheld where a trust's figure is. (The attacker's audit of
the model's output is tested on hand-made tables: tests/audit/test_routes_protected.py.)"""

from pathlib import Path

import duckdb
import pytest

from tests.conftest import SETTINGS, materialize_year
from wres_pipeline.publish.snapshot import latest
from wres_pipeline.resources import PathsSettings
from wres_pipeline.sample.generate import generate_year

YEARS = (2022, 2023)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("cells")
    paths = PathsSettings.under(root, root / "landing")
    publish = SETTINGS.publish.model_copy(update={"disclosure_model": "cells"})
    for year in YEARS:
        generate_year(year, root / "landing", seed=17, scale=0.03)
        assert materialize_year(paths, year, upto="publish", publish=publish).success
    return Path(paths.published)


def _table(root: Path, edition: str, year: int, table: str = "indicators") -> str:
    folder = root / edition / str(year)
    return str(folder / latest(folder.parent, year) / f"{table}.parquet")


def test_no_small_count_is_shown_and_england_keeps_its_headlines(published):
    for year in YEARS:
        internal, public = _table(published, "internal", year), _table(published, "public", year)
        shown_small = duckdb.sql(f"""
            select count(*) from read_parquet('{internal}') as i
            join read_parquet('{public}') as p
              using (year, level, area_code, indicator, measure, breakdown, "group")
            where i.level = 'trust' and i."group" in ('White', 'BME')
              and ((i.indicator = 1 and i.measure = 'share'
                    and i.numerator between 1 and 7 and p.numerator is not null)
                or (i.indicator between 2 and 4 and i.measure = 'rate'
                    and ((i.numerator between 1 and 7 and p.numerator is not null)
                      or (i.denominator between 1 and 7 and p.denominator is not null))))
            """).fetchall()[0][0]
        assert shown_small == 0
        # England's staff by group stay. (At this tiny scale an ICB's trusts cannot always
        # offset one another's small appointment or disciplinary counts, and a few of
        # England's indicator 2-4 counts go instead: docs/publishing.md.)
        england = duckdb.sql(f"""
            select count(*), count(*) filter (where suppressed) from read_parquet('{public}')
            where level = 'england' and breakdown = 'all' and indicator = 1""").fetchall()[0]
        assert england[0] > 0 and england[1] == 0


def test_the_distribution_is_withheld_with_any_trust_figure_it_rests_on(published):
    rows = duckdb.sql(f"""
        select d.indicator, d.suppressed, d.median, exists (
            select 1 from read_parquet('{_table(published, "public", 2023)}') as i
            where i.level = 'trust' and i.indicator = d.indicator and i.measure = d.measure
              and i.breakdown = d.breakdown and i.suppressed) as rests_on_withheld
        from read_parquet('{_table(published, "public", 2023, "trust_distribution")}') as d
        """).fetchall()
    assert rows
    for _, suppressed, median, rests in rows:
        assert suppressed == rests and (median is None or not rests)
