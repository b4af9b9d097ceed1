"""Generate one WRES year's landing folder: ESR, trust returns, staff survey, organisations."""

import time
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from wres_pipeline import contracts
from wres_pipeline.organisations.trusts import REFERENCE_FILES
from wres_pipeline.sample import esr, model, returns, survey
from wres_pipeline.sample.faults import Fault, inject
from wres_pipeline.sample.randomness import stream
from wres_pipeline.sample.writers import copy_file, write_csv, write_xlsx

YEARS = range(2015, 2026)
DEFAULT_SEED = 2015
DEFAULT_SCALE = 0.05
# How trusts send their returns: most as CSV, some as XLSX, some with a BOM or semicolons.
RETURN_FORMATS = (("csv", 0.65), ("xlsx", 0.20), ("csv_bom", 0.10), ("csv_semicolon", 0.05))
ORGANISATION_FILES = {
    "ods_trusts": "organisations/etr.csv",
    "organisation_types": "organisations/organisation_types.csv",
    "trust_successors": "organisations/trust_successors.csv",
}


@dataclass
class YearExtracts:
    """A year's extracts in memory, between drawing and writing (faults edit them here)."""

    year: int
    esr: pa.Table
    returns: dict[str, pa.Table]
    return_formats: dict[str, str]
    survey: pa.Table
    faults: list[Fault] = field(default_factory=list)

    def return_path(self, code: str) -> str:
        suffix = ".xlsx" if self.return_formats[code] == "xlsx" else ".csv"
        return f"trust_returns/{code}{suffix}"


@dataclass(frozen=True)
class GeneratedYear:
    year: int
    folder: Path
    esr_rows: int
    trusts: int
    seconds: float
    faults: tuple[Fault, ...]


def draw(year: int, seed: int = DEFAULT_SEED, scale: float = DEFAULT_SCALE) -> YearExtracts:
    """Draw a year's extracts in memory."""
    if year not in YEARS:
        raise ValueError(f"the generator covers WRES years {YEARS[0]}-{YEARS[-1]}, not {year}")
    year_model = model.build(year, seed, scale)
    staff = esr.generate(year_model, seed)
    trust_returns = returns.generate(year_model, staff, seed)
    rng = stream(seed, year, "formats")
    names = [name for name, _ in RETURN_FORMATS]
    weights = [weight for _, weight in RETURN_FORMATS]
    formats = {code: names[i] for code, i in
               zip(trust_returns, rng.choice(len(names), len(trust_returns), p=weights),
                   strict=True)}
    return YearExtracts(year, staff.table, trust_returns, formats,
                        survey.generate(year_model, staff, seed))


def as_contract(table: pa.Table, name: str) -> pa.Table:
    """The table's columns in the contract's order; the generator writes nothing else."""
    expected = contracts.load(name).column_names
    if sorted(table.column_names) != sorted(expected):
        raise ValueError(f"generated {name} has columns {table.column_names}, "
                         f"the contract says {expected}")
    return table.select(list(expected))


def write(extracts: YearExtracts, landing: Path) -> Path:
    """Write the extracts into `<landing>/<year>/` (which must not exist yet)."""
    folder = Path(landing) / str(extracts.year)
    folder.mkdir(parents=True, exist_ok=False)
    write_csv(as_contract(extracts.esr, "esr_staff_in_post"), folder / "esr_staff_in_post.csv")
    for code, table in extracts.returns.items():
        table = as_contract(table, "trust_return")
        path = folder / extracts.return_path(code)
        style = extracts.return_formats[code]
        if style == "xlsx":
            write_xlsx(table, path)
        else:
            write_csv(table, path, delimiter=";" if style == "csv_semicolon" else ",",
                      bom=style == "csv_bom", quoted=True)
    write_csv(as_contract(extracts.survey, "staff_survey"), folder / "staff_survey.csv")
    for name, relative in ORGANISATION_FILES.items():
        copy_file(REFERENCE_FILES[name], folder / relative)
    return folder


def generate_year(year: int, landing: Path, seed: int = DEFAULT_SEED,
                  scale: float = DEFAULT_SCALE, faults: list[str] = ()) -> GeneratedYear:
    """Draw, optionally break, and write one year; report what was made and how long it took."""
    started = time.perf_counter()
    extracts = draw(year, seed, scale)
    done = inject(extracts, list(faults), stream(seed, year, "faults")) if faults else []
    folder = write(extracts, landing)
    return GeneratedYear(year, folder, extracts.esr.num_rows, len(extracts.return_formats),
                         time.perf_counter() - started, tuple(done))
