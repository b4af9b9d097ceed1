"""Run a command; write its wall seconds and peak RSS (KiB) to a file.

    python benchmarks/peak_rss.py <figures file> <command> [args...]

`benchmarks/national.py` starts every measured command through this small process. On Linux a
child's peak RSS starts at its parent's RSS when it is forked, so a child of the benchmark
itself (which holds the generated extracts and the pandas baseline's frames) would report the
benchmark's memory as its own: measured so, three phases of one year each showed the same
1,036 MiB."""

import os
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    figures, command = Path(sys.argv[1]), sys.argv[2:]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    figures.write_text(f"{time.perf_counter() - started} {usage.ru_maxrss}", encoding="utf-8")
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
