"""Security: nothing identifies a person in what is published, the UI listens on loopback only,
SQL never has a value formatted into it, and the repository holds no secrets.

File names that try to leave the landing zone are in the bad-input catalogue
(test_bad_inputs.py); disclosure control of the public edition is tested in
tests/publish/test_snapshots.py."""

import ast
import re
import subprocess
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.reliability.cli import ROOT, run_cli
from tests.reliability.editing import ESR, read_rows
from wres_pipeline.cli import build_parser
from wres_pipeline.ingest.landing import SAFE_NAME
from wres_pipeline.sample.generate import generate_year

YEAR = 2023

# Every expression formatted into SQL text in the package, reviewed: each is a schema, table,
# view or column name the project itself chooses (from code or a contract), or the text of a
# project SQL file, never a value from data. A new one fails the test until it is added here.
# `declared` (sql.create_table) is a table's column list: the names and types DuckDB describes
# for a project SQL file, and a contract's compression, which the contract loader limits to
# "uncompressed".
IDENTIFIERS = {
    "RAW_SCHEMA", "STAGING_SCHEMA", "_arrow_name(contract)", "contract.name", "database",
    "name", "table", "view", "sql_text(relative_path)", "ACCEPTED", "QUARANTINED", "declared",
    # A contract's column name (contracts are project files) and the table of earlier-year uses.
    "column.name", "USED",
    # The table of the text kept for validation (the raw schema and a contract's name) and the
    # contract's columns it keeps (ingest/staging.py).
    "_kept_name(contract)", "_sent_columns(contract)",
}
SQL_TEXT_ARGUMENTS = {  # non-literal SQL: constants or project SQL files
    "sql_text(HEADLINE)", "sql_text(relative_path)", "frame_sql(contract)", "sql",
    "frame_sql(contract, ROW)", "frame_sql(contract, ROW, key)",
    "sql_text(f'publish/{name}.sql')",
    "sql_text(path)", "sql_text('publish/trends.sql')", "sql_text('publish/coverage.sql')",
}
SECRETS = [
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"AKIA[0-9A-Z]{16}"),  # AWS access key id
    re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),  # GitHub token
    re.compile(r"xox[abpr]-[A-Za-z0-9-]{10,}"),  # Slack token
    re.compile(r"(?i)(password|passwd|secret|api_key|token)\s*[:=]\s*['\"][^'\"\s]{8,}['\"]"),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    generate_year(YEAR, data / "landing", seed=3, scale=0.003)
    result = run_cli(data, "run", "--years", str(YEAR))
    assert result.returncode == 0, result.stdout + result.stderr
    return data


def test_nothing_published_holds_a_person_or_assignment_id(published):
    rows = read_rows(published / "landing" / str(YEAR) / ESR)
    ids = {row[rows[0].index(c)] for row in rows[1:] for c in ("person_id", "assignment_id")}
    files = [p for p in (published / "published").rglob("*") if p.is_file()]
    parquet = [p for p in files if p.suffix == ".parquet"]
    assert [p for p in files if p.suffix == ".csv"] and [p for p in files if p.suffix == ".xlsx"]
    assert len(parquet) > 20
    for path in parquet:
        table = pq.read_table(path)
        assert not [c for c in table.column_names if "person" in c or "assignment" in c], path
        for column in table.columns:
            if str(column.type) in ("string", "large_string"):
                assert not ids & set(column.to_pylist()), path
    for path in files:
        if path.suffix in (".html", ".json", ".svg", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert not [i for i in ids if i in text], path
        if path.suffix == ".xlsx":  # a zip of XML parts: every part's text
            with zipfile.ZipFile(path) as book:
                text = "".join(book.read(n).decode("utf-8") for n in book.namelist())
            assert not [i for i in ids if i in text], path


def test_the_ui_listens_on_loopback_by_default():
    assert build_parser().parse_args(["ui"]).host == "127.0.0.1"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "0.0.0.0" not in makefile and "wres-pipeline ui" in makefile


def _sql_calls():
    for path in sorted((ROOT / "wres_pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("sql", "execute") and node.args):
                yield path.relative_to(ROOT), node


def test_sql_takes_values_only_as_bound_parameters():
    formatted, computed = set(), set()
    for path, call in _sql_calls():
        text = call.args[0]
        if isinstance(text, ast.JoinedStr):
            formatted |= {(ast.unparse(v.value), f"{path}:{call.lineno}") for v in text.values
                          if isinstance(v, ast.FormattedValue)}
        elif not isinstance(text, ast.Constant):
            computed.add((ast.unparse(text), f"{path}:{call.lineno}"))
    assert formatted and computed  # the scan sees the package's SQL calls
    assert [f for f in formatted if f[0] not in IDENTIFIERS] == []
    assert [c for c in computed if c[0] not in SQL_TEXT_ARGUMENTS] == []
    for sql_file in (ROOT / "assets").rglob("*.sql"):
        text = sql_file.read_text(encoding="utf-8")
        assert "{" not in text and "%s" not in text, sql_file  # only $name parameters


def test_landing_file_names_must_be_plain():
    for name in ("R0A.csv", "RXX WRES return 2024 (final).xlsx", "St Mary's.csv",
                 "Cr\u00e8che.csv"):
        assert SAFE_NAME.fullmatch(name), name
    for name in ("..\\..\\R0A.csv", "a/b.csv", "-rf.csv", "R0A\n.csv", "R0A;rm.csv",
                 "$(reboot).csv", "R0A\x00.csv"):
        assert not SAFE_NAME.fullmatch(name), name


def test_no_secrets_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert len(tracked) > 50
    found = []
    for name in tracked:
        path = Path(ROOT / name)
        if not path.is_file() or path.suffix in (".png", ".xlsx", ".parquet", ".duckdb"):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{name}: {p.pattern}" for p in SECRETS if p.search(text)]
    assert found == []
