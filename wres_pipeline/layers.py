"""The pipeline's layers, in the order the data walks, and what every asset shares.

An asset's key is `<layer>/<name>`: its group in the Dagster UI is the layer, its code is in
the package `wres_pipeline/<layer>/` and its SQL in `assets/<layer>/`, so the key alone says
where to look. A layer reads only from itself and the layers before it
(tests/test_layers.py walks the definitions to hold all of this; docs/architecture.md).

    organisations  the ODS trusts, their types and successors; the trusts of the year
    staging        each extract landed, archived, typed and validated (its rules are checks)
    core           the workforce as WRES counts it; the extracts reconciled trust by trust
    indicators     counts and the nine indicators at every level
    publish        the year's snapshots, and the time series across published years
    report         reader-facing pages built from the public edition alone

Each asset's code version is a hash of its module, the library code it names and its SQL
files, so an edit to any of them shows in the UI as a changed code version.
"""

import hashlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import dagster as dg

from wres_pipeline.partitions import wres_year_partitions
from wres_pipeline.paths import SQL_ASSETS_DIR

LAYERS = ("organisations", "staging", "core", "indicators", "publish", "report")
OWNERS = ["team:wres-national"]
PACKAGE_DIR = Path(__file__).resolve().parent


def _code_files(module: str, code: Sequence[str]) -> list[Path]:
    """The module's own file and every Python, TOML or template (HTML) file of the library
    packages named."""
    files = [Path(sys.modules[module].__file__)]
    for name in code:
        folder = PACKAGE_DIR / name.replace(".", "/")
        files += sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".toml", ".html")) \
            if folder.is_dir() else [folder.with_suffix(".py")]
    return files


def code_version(module: str, sql: Sequence[str], code: Sequence[str] = ()) -> str:
    """A hash of the asset's module, the library code it names and its SQL files."""
    digest = hashlib.sha256()
    for path in _code_files(module, code):
        digest.update(path.relative_to(PACKAGE_DIR.parent).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    for relative in sql:
        digest.update(relative.encode() + b"\0")
        digest.update((SQL_ASSETS_DIR / relative).read_bytes())
    return digest.hexdigest()[:16]


def asset_key(key: str) -> dg.AssetKey:
    """`layer/name` as an asset key (the layer must be one of LAYERS)."""
    path = key.split("/")
    if len(path) != 2 or path[0] not in LAYERS:
        raise ValueError(f"asset key {key!r} is not <layer>/<name> with a layer of {LAYERS}")
    return dg.AssetKey(path)


def layer_asset(key: str, *, sql: Sequence[str] = (), code: Sequence[str] = (),
                partitioned: bool = True, metadata: dict | None = None,
                **kwargs) -> Callable[[Callable], dg.AssetsDefinition]:
    """`@dg.asset` with the defaults every asset shares: the group is the key's layer, the
    partitions are WRES years (unless `partitioned` is false), the owner is the national WRES
    team, and the code version is derived from the code and the SQL files (`sql`, relative to
    assets/; `code`: the library packages or modules of wres_pipeline, dotted, that the asset
    runs). The SQL files are listed in the asset's definition metadata, as the UI shows it."""
    target = asset_key(key)

    def decorate(fn: Callable) -> dg.AssetsDefinition:
        return dg.asset(
            key=target, group_name=target.path[0], owners=OWNERS,
            partitions_def=wres_year_partitions if partitioned else None,
            code_version=code_version(fn.__module__, sql, code),
            metadata=(metadata or {}) | {"sql_files": dg.MetadataValue.json(
                [f"assets/{relative}" for relative in sql])},
            **kwargs,
        )(fn)

    return decorate
