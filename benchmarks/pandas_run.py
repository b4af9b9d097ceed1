"""Run the pandas baseline once, in a fresh process, as each pipeline run is measured: time
`compute()` alone (pandas and numpy imported first, as in an analyst's session), save its rows
as Parquet and print the seconds.

    python benchmarks/pandas_run.py <landing year folder> <rows.parquet> <z> <questions JSON>
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from benchmarks.pandas_baseline import compute  # noqa: E402


def main() -> None:
    folder, output, z, questions = sys.argv[1:]
    started = time.perf_counter()
    rows = compute(Path(folder), json.loads(questions), float(z))
    seconds = time.perf_counter() - started
    rows.to_parquet(output)
    print(seconds)


if __name__ == "__main__":
    main()
