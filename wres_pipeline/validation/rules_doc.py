"""The rules section of docs/data-quality.md, generated from the committed suites so the page
can never list a rule that does not run (or miss one that does)."""

from wres_pipeline import contracts
from wres_pipeline.paths import PROJECT_ROOT
from wres_pipeline.validation.suites import rules_in_suite

DOC = PROJECT_ROOT / "docs" / "data-quality.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rules_markdown() -> str:
    # The reconciliation and the trusts of the year are assets' checks: their rules are read
    # from the assets, with the thresholds the settings give.
    from wres_pipeline.core import reconciliation
    from wres_pipeline.organisations.assets import trusts_in_year
    from wres_pipeline.settings import current

    parts = []
    for contract in contracts.all_contracts():
        parts.append(f"\n### `{contract.name}` ({contract.title})\n")
        parts.append("| check | severity | failing rows | why |\n|---|---|---|---|")
        for rule in rules_in_suite(contract.name):
            rows = ("quarantined" if rule.quarantine else "kept, flagged") if rule.row_level \
                else "table-level"
            parts.append(f"| `{rule.id}` | {rule.severity} | {rows} | {rule.why} |")
        parts.append(f"| `{contract.name}`'s `quarantined_share` | warning if any; error "
                     "above the maximum share | - | Quarantine is visible, and a table mostly "
                     "set aside stops the year. |")
    parts.append("\n### Reconciliation across extracts (`core/trust_reconciliation`)\n")
    parts.append("| check | severity | why |\n|---|---|---|")
    for rule in reconciliation.trust_rules(current().validation):
        parts.append(f"| `{rule.name}` | {rule.severity} | {rule.description} |")
    parts.append("\n### The trusts of the year (`organisations/trusts_in_year`)\n")
    parts.append("| check | severity | why |\n|---|---|---|")
    for spec in trusts_in_year.check_specs:
        parts.append(f"| `{spec.name}` | {'error' if spec.blocking else 'warning'} | "
                     f"{spec.description} |")
    return "\n".join(parts) + "\n"


def current_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index(START) + len(START):text.index(END)]


def write() -> None:
    text = DOC.read_text(encoding="utf-8")
    head, tail = text[:text.index(START) + len(START)], text[text.index(END):]
    DOC.write_text(head + rules_markdown() + tail, encoding="utf-8")
