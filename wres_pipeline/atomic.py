"""Atomic, change-only file replacement for everything the pipeline publishes.

A file is written beside its target under a hidden partial name, then renamed over it in one
step, so a reader sees the old file or the new one, never half of one; and when the new bytes
equal the old, the old file is left alone, so a rerun on unchanged inputs changes nothing.
"""

import filecmp
import os
from collections.abc import Callable
from pathlib import Path


def replace_if_changed(target: Path, write: Callable[[Path], object]) -> bool:
    """Write through `write(partial_path)`; return True when the target was replaced."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    clear_stale_partials(target)
    try:
        write(partial)
        if target.exists() and filecmp.cmp(partial, target, shallow=False):
            partial.unlink()
            return False
        os.replace(partial, target)
        return True
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def clear_stale_partials(target: Path) -> None:
    """Remove partial files of `target` left by processes that were killed mid-write."""
    for stale in target.parent.glob(f".{target.name}.partial-*"):
        pid = stale.name.rsplit("-", 1)[1]
        if pid.isdigit() and not process_alive(int(pid)):
            stale.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    """Is process `pid` still running on this machine (so its partial files are in use)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
