"""Large linked sets are solved piece by piece (inner and outer programs around each table,
wres_pipeline/audit/local.py): on the hand-made tables, forced down that path, the audit reaches
the same verdicts as solving each set whole, and every interval holds the true count."""

import pytest

from tests.audit import test_routes
from wres_pipeline.audit import solver

ROUTES = [test_routes.test_a_trust_withheld_alone_comes_back_from_its_areas,
          test_routes.test_two_trusts_withheld_together_with_large_counts_are_protected,
          test_routes.test_a_rounded_likelihood_with_an_area_total_pins_the_events,
          test_routes.test_a_count_withheld_in_one_table_and_shown_in_another_is_recovered]


@pytest.mark.parametrize("route", ROUTES, ids=[r.__name__ for r in ROUTES])
def test_piece_by_piece_reaches_the_same_verdicts(route, tmp_path, monkeypatch):
    monkeypatch.setattr(solver, "WHOLE_LIMIT", 0)
    route(tmp_path)
