"""`wres-pipeline audit` as the WRES team runs it: a separate process over a published folder,
a table per year, every count not protected named with `--list`, exit 1 with `--strict`."""

from tests.audit.tables import publish, withhold
from tests.audit.test_routes import _staff_rows
from tests.reliability.cli import run_cli


def test_the_command_names_a_recovered_count_and_fails_when_strict(tmp_path):
    rows = _staff_rows()
    public = withhold(rows, lambda r: r["level"] == "trust" and r["area_code"] == "A")
    publish(tmp_path / "published", {2019: {"internal": {"indicators": rows},
                                            "public": {"indicators": public}}})
    listed = run_cli(tmp_path, "audit", "--list", timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "2019" in listed.stdout and "recovered" in listed.stdout
    assert "2019 trust A indicator 1 all BME count: [3, 3]" in listed.stdout
    strict = run_cli(tmp_path, "audit", "--strict", timeout=120)
    assert strict.returncode == 1


def test_a_public_edition_with_nothing_withheld_passes_strict(tmp_path):
    rows = _staff_rows()
    publish(tmp_path / "published", {2019: {"internal": {"indicators": rows},
                                            "public": {"indicators": rows}}})
    result = run_cli(tmp_path, "audit", "--strict", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 withheld counts" in result.stdout
