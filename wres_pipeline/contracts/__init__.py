"""The raw-extract contracts: one TOML file per table, the single machine-readable description of
what trusts and national systems send. The loader, the sample generator and the expectation
suites all read them from here; `docs/data-contracts.md` explains them in words.
"""

import tomllib
from dataclasses import dataclass, field
from functools import cache

from wres_pipeline.paths import CONTRACTS_DIR
from wres_pipeline.reference import values_from

# The extracts of a WRES year, in the order they are ingested.
EXTRACTS = ("organisations", "esr_staff_in_post", "trust_return", "staff_survey")
# The layer (wres_pipeline/layers.py) whose asset ingests each extract: the organisations come
# first, since every other extract is checked against the trusts of the year.
LAYER_OF_EXTRACT = {"organisations": "organisations"}


@dataclass(frozen=True)
class Column:
    """One column of a raw table: its name, contract type and rules."""

    name: str
    type: str
    required: bool
    description: str
    position: int | None = None
    pattern: str | None = None
    format: str | None = None
    min: float | None = None
    max: float | None = None
    min_exclusive: float | None = None
    max_length: int | None = None
    rule: str | None = None
    allowed_values: tuple[str, ...] | None = None
    allowed_values_from: str | None = None
    allowed_first_character_from: str | None = None
    # Other spellings read as a listed value, value by value after staging
    # (wres_pipeline/ingest/staging.py): `spellings_from` names a reference column whose values
    # a value sent in another case takes; `aliases_from` a reference file's `<alias>:<code>`
    # columns, whose aliases (compared whole, case, spaces and dashes aside) become the code.
    spellings_from: str | None = None
    aliases_from: str | None = None
    # How a failure of this column's value rules is treated (see docs/data-quality.md).
    severity: str = "error"
    quarantine: bool = True
    # How the staged column is stored when DuckDB's own choice costs more than it saves: only
    # "uncompressed" (for near-unique ids; wres_pipeline/ingest/staging.py).
    compression: str | None = None

    def __post_init__(self):
        if self.compression not in (None, "uncompressed"):
            raise ValueError(f"column {self.name}: compression must be 'uncompressed' if given, "
                             f"not {self.compression!r}")

    def allowed(self) -> tuple[str, ...] | None:
        """The allowed values, resolved from reference data where the contract points there."""
        if self.allowed_values is not None:
            return self.allowed_values
        if self.allowed_values_from:
            return values_from(self.allowed_values_from)
        return None


@dataclass(frozen=True)
class Contract:
    """A raw table: which files of a year's landing folder hold it, and its columns."""

    name: str
    extract: str
    title: str
    grain: str
    description: str
    files: tuple[str, ...]
    header: bool
    columns: tuple[Column, ...]
    unique: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    width: int | None = None
    rules: tuple[dict, ...] = field(default_factory=tuple)  # rules beyond the columns' own

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def staging_sql(self) -> str:
        """The SQL file that types the raw rows (relative to assets/), in the folder of the
        layer that ingests the extract."""
        return f"{LAYER_OF_EXTRACT.get(self.extract, 'staging')}/{self.name}.sql"


@cache
def load(name: str) -> Contract:
    """Read `contracts/<name>.toml`."""
    with open(CONTRACTS_DIR / f"{name}.toml", "rb") as handle:
        raw = tomllib.load(handle)
    columns = []
    for spec in raw.pop("columns"):
        if "allowed_values" in spec:
            spec["allowed_values"] = tuple(spec["allowed_values"])
        columns.append(Column(**spec))
    return Contract(
        columns=tuple(columns),
        files=tuple(raw.pop("files")),
        unique=tuple(tuple(key) for key in raw.pop("unique", [])),
        rules=tuple(raw.pop("rules", [])),
        **raw,
    )


def all_contracts() -> tuple[Contract, ...]:
    """Every table contract, grouped by extract in ingest order."""
    contracts = [load(path.stem) for path in sorted(CONTRACTS_DIR.glob("*.toml"))]
    return tuple(sorted(contracts, key=lambda c: (EXTRACTS.index(c.extract), c.name)))


def for_extract(extract: str) -> tuple[Contract, ...]:
    """The table contracts that make up one extract."""
    return tuple(c for c in all_contracts() if c.extract == extract)
