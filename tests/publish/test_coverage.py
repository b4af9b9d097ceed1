"""`wres-pipeline coverage` on a hand-made public edition: headlines carried by their figure
and by a verdict counted apart."""

from tests.audit.tables import likelihood, publish, row
from wres_pipeline.publish.coverage import coverage, print_coverage


def _edition(tmp_path):
    shown = likelihood(2019, "trust", "A", 3, 12, 400, 60, 4000)
    verdict = likelihood(2019, "trust", "B", 3, 3, 400, 60, 4000) | {
        "value": None, "ci_lower": None, "ci_upper": None, "outside_non_adverse_range": None,
        "suppressed": True}
    withheld = verdict | {"area_code": "C", "significant": None, "adverse_significant": None}
    share = row(2019, "trust", "A", 1, "share", "all", "BME", 3, 45, 100 * 3 / 45)
    organisations = [{"year": 2019, "organisation_code": c} for c in "ABC"]
    return publish(tmp_path, {2019: {"public": {
        "indicators": [shown, verdict, withheld, share], "organisations": organisations}}})


def test_figures_and_verdicts_are_counted_apart(tmp_path, capsys):
    rows = {r["headline"]: r for r in coverage(_edition(tmp_path))}
    third = rows["Ind. 3 likelihood"]
    assert (third["trusts_published"], third["trusts_verdict"], third["trusts"]) == (1, 1, 3)
    assert round(third["percent_carried"], 1) == 66.7
    assert rows["Ind. 1 BME share of staff"]["trusts_verdict"] == 0
    print_coverage(tmp_path)
    assert "Ind. 3 likelihood 66.7 % (33.3 % by figure, 33.3 % by verdict)" \
        in capsys.readouterr().out
