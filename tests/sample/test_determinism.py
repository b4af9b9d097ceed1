"""One seed gives byte-identical landing folders; another seed gives different data."""

import hashlib
from pathlib import Path

from wres_pipeline.sample.generate import generate_year


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_including_xlsx(tmp_path):
    first = generate_year(2019, tmp_path / "a", seed=11, scale=0.01)
    second = generate_year(2019, tmp_path / "b", seed=11, scale=0.01)
    a, b = _digests(first.folder), _digests(second.folder)
    assert a == b
    assert any(name.endswith(".xlsx") for name in a)
    assert len(a) == 2 + 3 + first.trusts  # ESR, survey, 3 organisations files, one return each


def test_another_seed_changes_the_data(tmp_path):
    first = generate_year(2019, tmp_path / "a", seed=11, scale=0.01)
    other = generate_year(2019, tmp_path / "b", seed=12, scale=0.01)
    a, b = _digests(first.folder), _digests(other.folder)
    assert a["esr_staff_in_post.csv"] != b["esr_staff_in_post.csv"]
    assert a["organisations/etr.csv"] == b["organisations/etr.csv"]  # the real file, copied
