"""The Great Expectations suites in `expectations/`: one GX 1.x suite JSON per raw table.

The suites are generated from the contracts (`wres-pipeline suites` rewrites them; a test fails
when a committed suite differs from its contract) and are what validation loads and runs. Each
expectation's `meta` carries the rule id, severity, quarantine flag and reason.
"""

import json
from pathlib import Path

from wres_pipeline import contracts
from wres_pipeline.paths import EXPECTATIONS_DIR
from wres_pipeline.validation.rules import Rule, rules_for


def suite_dict(contract: contracts.Contract) -> dict:
    """The suite of one raw table as GX 1.x suite JSON."""
    return {
        "name": contract.name,
        "meta": {"contract": f"wres_pipeline/contracts/{contract.name}.toml",
                 "generated_by": "wres-pipeline suites"},
        "expectations": [
            {"type": rule.expectation, "kwargs": rule.kwargs,
             "meta": {"rule": rule.id, "severity": rule.severity,
                      "quarantine": rule.quarantine, "columns": list(rule.columns),
                      "why": rule.why, "problem": rule.problem}}
            for rule in rules_for(contract)
        ],
    }


def suite_text(contract: contracts.Contract) -> str:
    return json.dumps(suite_dict(contract), indent=2, ensure_ascii=False) + "\n"


def suite_path(table: str) -> Path:
    return EXPECTATIONS_DIR / f"{table}.json"


def write_all() -> list[Path]:
    """Regenerate every suite file from the contracts."""
    EXPECTATIONS_DIR.mkdir(exist_ok=True)
    written = []
    for contract in contracts.all_contracts():
        path = suite_path(contract.name)
        path.write_text(suite_text(contract), encoding="utf-8")
        written.append(path)
    return written


def rules_in_suite(table: str) -> list[Rule]:
    """The rules as the committed suite file states them (what validation runs)."""
    raw = json.loads(suite_path(table).read_text(encoding="utf-8"))
    return [Rule(e["meta"]["rule"], table, e["type"], e["kwargs"], e["meta"]["severity"],
                 e["meta"]["quarantine"], e["meta"]["why"], tuple(e["meta"]["columns"]),
                 e["meta"]["problem"])
            for e in raw["expectations"]]


def load_suite(table: str):
    """The committed suite as a GX ExpectationSuite (GX is imported here, not at start-up).

    GX drops an expectation whose type it does not know with only a log line, so the loaded
    suite's length is checked against the file.
    """
    from great_expectations.core import ExpectationSuite

    raw = json.loads(suite_path(table).read_text(encoding="utf-8"))
    suite = ExpectationSuite(**raw)
    if len(suite.expectations) != len(raw["expectations"]):
        known = {e.expectation_type for e in suite.expectations}
        lost = sorted({e["type"] for e in raw["expectations"]} - known)
        raise ValueError(f"{suite_path(table)}: GX did not load expectation type(s) {lost}")
    return suite
