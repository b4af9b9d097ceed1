"""Every validation rule of a raw table, derived from its contract.

A column's attributes imply rules (a required column must be present, a typed column must parse,
a pattern must match, a coded value must be known, a count must be in range, a key unique); the
contract's `[[rules]]` add the rest. Each rule is one Great Expectations expectation with a
severity (`error` blocks the year, `warning` is shown) and says whether failing rows are
quarantined (set aside from everything downstream) or kept.
"""

from dataclasses import dataclass, field

from wres_pipeline import contracts
from wres_pipeline.contracts import Column, Contract
from wres_pipeline.reference import values_from

TEXT_SUFFIX = "__text"
UNPARSED_SUFFIX = "__unparsed"
PARSE_PROBLEMS = {
    "BIGINT": "is not a whole number",
    "INTEGER": "is not a whole number",
    "DECIMAL": "is not a plain decimal number",
    "DATE": "is not a date in the contract's format",
    "BOOLEAN": "is not Y or N",
}


@dataclass(frozen=True)
class Rule:
    id: str
    table: str
    expectation: str
    kwargs: dict
    severity: str
    quarantine: bool
    why: str
    columns: tuple[str, ...] = field(default_factory=tuple)  # () for a table-level rule
    problem: str = ""  # what a failing value is, in words ("is not a whole number")

    @property
    def row_level(self) -> bool:
        return bool(self.columns)


def text_column(column: Column) -> str:
    """The validation frame's column holding a typed column's text as sent."""
    return column.name + TEXT_SUFFIX


def unparsed_column(column: Column) -> str:
    """The validation frame's column holding text that was sent but did not cast (else null)."""
    return column.name + UNPARSED_SUFFIX


def is_typed(column: Column) -> bool:
    return column.type != "VARCHAR"


def _column_rules(contract: Contract, column: Column, prefix: str) -> list[Rule]:
    def rule(kind, expectation, kwargs, why, problem, severity=None, quarantine=None):
        return Rule(f"{prefix}{column.name}_{kind}", contract.name, expectation,
                    {"column": column.name} | kwargs, severity or column.severity,
                    column.quarantine if quarantine is None else quarantine, why, (column.name,),
                    problem)

    rules = []
    if column.required:
        rules.append(Rule(
            f"{prefix}{column.name}_present", contract.name,
            "expect_column_values_to_not_be_null",
            {"column": text_column(column) if is_typed(column) else column.name},
            "error", True, f"{column.name} is required by the contract: a blank leaves the row "
            "without a value the indicators need.", (column.name,), "is blank"))
    if is_typed(column):
        unparsed = PARSE_PROBLEMS.get(column.type.split("(")[0], f"is not a valid {column.type}")
        rules.append(rule(
            "parses", "expect_column_values_to_be_null",
            # The frame holds the text of every value that was sent but did not cast; checking
            # that column is much cheaper in GX than filtering the frame by a row condition.
            {"column": unparsed_column(column)},
            f"A {column.name} value that {unparsed} cannot be used: it is never rounded, "
            "reformatted or guessed.", unparsed, severity="error", quarantine=True))
    if column.pattern:
        rules.append(rule("format", "expect_column_values_to_match_regex",
                          {"regex": column.pattern}, f"{column.name} must match {column.pattern}.",
                          "does not have the expected form"))
    allowed = column.allowed()
    if allowed and not is_typed(column):
        listed_in = column.allowed_values_from or "the contract"
        rules.append(rule("known", "expect_column_values_to_be_in_set",
                          {"value_set": list(allowed)},
                          f"Only the values listed in {listed_in} are understood by the method.",
                          "is not a known value"))
    if column.allowed_first_character_from:
        codes = sorted(c for c in values_from(column.allowed_first_character_from) if len(c) == 1)
        rules.append(rule(
            "known", "expect_column_values_to_match_regex",
            {"regex": f"^(?:99|[{''.join(codes)}][0-9A-Z]?)$"},
            "The national code (first character, or 99) must be an NHS Data Dictionary ethnic "
            "category; anything else is counted as Unknown, so the row is kept and flagged.",
            "is not an NHS Data Dictionary ethnic category"))
    if column.max_length:
        rules.append(rule("length", "expect_column_value_lengths_to_be_between",
                          {"max_value": column.max_length},
                          f"{column.name} holds at most {column.max_length} characters.",
                          "is too long"))
    if column.min is not None or column.max is not None or column.min_exclusive is not None:
        low = column.min if column.min is not None else column.min_exclusive
        rules.append(rule(
            "in_range", "expect_column_values_to_be_between",
            {"min_value": low, "max_value": column.max,
             "strict_min": column.min_exclusive is not None},
            f"{column.name} must lie in its contract range; counts are never negative.",
            "is outside the allowed range"))
    return rules


def rule_prefix(contract: Contract) -> str:
    """Rule ids name their table only where an extract has several tables (organisations)."""
    return f"{contract.name}__" if len(contracts.for_extract(contract.extract)) > 1 else ""


def rules_for(contract: Contract) -> list[Rule]:
    """All rules of one raw table, in a stable order."""
    prefix = rule_prefix(contract)
    rules = [
        Rule(f"{prefix}columns_as_contract", contract.name,
             "expect_table_columns_to_match_set",
             {"column_set": list(contract.column_names), "exact_match": False}, "error", False,
             "The file must hold exactly the contract's columns."),
        Rule(f"{prefix}not_empty", contract.name, "expect_table_row_count_to_be_between",
             {"min_value": 1}, "error", False,
             "A header without rows means an extract was not filled in."),
    ]
    for column in contract.columns:
        rules.extend(_column_rules(contract, column, prefix))
    for key in contract.unique:
        expectation, kwargs = (("expect_column_values_to_be_unique", {"column": key[0]})
                               if len(key) == 1 else
                               ("expect_compound_columns_to_be_unique", {"column_list": list(key)}))
        name = f"{key[0]}_unique" if len(key) == 1 else "key_unique"
        rules.append(Rule(f"{prefix}{name}", contract.name, expectation, kwargs,
                          "error", True, f"One row per {', '.join(key)}: a repeat would be "
                          "counted twice.", tuple(key),
                          "repeats a key that must be unique"))
    for spec in contract.rules:
        columns = tuple(spec.get("columns", [spec.get("column")]))
        kwargs = ({"column": spec["column"]} if "column" in spec else {}) | spec["kwargs"]
        rules.append(Rule(prefix + spec["id"], contract.name, spec["expectation"], kwargs,
                          spec.get("severity", "error"), spec.get("quarantine", True),
                          spec["why"], columns, spec.get("problem", "")))
    return rules


def year_parameters(year: int, trust_codes: list[str], question_codes: list[str]) -> dict:
    """The suite parameters of one WRES year (values the suites cannot hold themselves)."""
    return {
        "snapshot_dates": [f"{year}-03-31"],
        "wres_years": [year],
        "survey_years": [year - 1],
        "trust_codes": sorted(trust_codes),
        "question_codes": sorted(question_codes),
    }
