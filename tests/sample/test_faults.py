"""Each fault changes exactly the file, row and column it reports."""

import csv

import pytest

from wres_pipeline.sample.faults import FAULTS
from wres_pipeline.sample.generate import generate_year


def _row(path, row_number):
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True).worksheets[0]
        rows = [["" if v is None else str(v) for v in r]
                for r in sheet.iter_rows(values_only=True)]
    else:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            first = handle.readline()
            handle.seek(0)
            rows = list(csv.reader(handle, delimiter=";" if ";" in first else ","))
    return dict(zip(rows[0], rows[row_number - 1], strict=True))


@pytest.mark.parametrize("name", sorted(set(FAULTS) - {"return_missing",
                                                       "esr_duplicate_assignment"}))
def test_fault_changes_the_value_where_it_says(tmp_path, name):
    clean = generate_year(2023, tmp_path / "clean", seed=5, scale=0.01)
    made = generate_year(2023, tmp_path / "faulty", seed=5, scale=0.01, faults=[name])
    (fault,) = made.faults
    assert fault.name == name
    before = _row(clean.folder / fault.file, fault.row)
    after = _row(made.folder / fault.file, fault.row)
    assert before[fault.column] != after[fault.column]
    assert {k: v for k, v in before.items() if k != fault.column} == \
        {k: v for k, v in after.items() if k != fault.column}


def test_duplicate_assignment_adds_one_repeated_id(tmp_path):
    made = generate_year(2023, tmp_path, seed=5, scale=0.01, faults=["esr_duplicate_assignment"])
    (fault,) = made.faults
    with open(made.folder / fault.file, newline="") as handle:
        ids = [r["assignment_id"] for r in csv.DictReader(handle)]
    assert len(ids) - len(set(ids)) == 1
    assert fault.row == len(ids) + 1 and ids[-1] in ids[:-1]


def test_missing_return_removes_one_file(tmp_path):
    made = generate_year(2023, tmp_path, seed=5, scale=0.01, faults=["return_missing"])
    (fault,) = made.faults
    assert not (made.folder / fault.file).exists()
    assert len(list((made.folder / "trust_returns").iterdir())) == made.trusts - 1


def test_unknown_fault_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown fault"):
        generate_year(2023, tmp_path, seed=5, scale=0.01, faults=["no_such_fault"])
