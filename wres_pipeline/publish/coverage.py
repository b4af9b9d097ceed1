"""How much of each trust's headline figures the public edition publishes, year by year
(assets/publish/coverage.sql): printed by `wres-pipeline coverage` and after every run."""

from pathlib import Path

import duckdb

from wres_pipeline import sql
from wres_pipeline.publish.snapshot import latest, published_years


def coverage(published: str | Path, years: list[int] | None = None) -> list[dict]:
    """One row per year and headline: trusts published, trusts of the year, percent."""
    public = Path(published) / "public"
    chosen = [y for y in published_years(public) if years is None or y in years]
    if not chosen:
        return []
    folders = [public / str(y) / latest(public, y) for y in chosen]
    with duckdb.connect() as con:
        for name in ("indicators", "organisations"):
            con.register(f"public_{name}", con.read_parquet(
                [str(f / f"{name}.parquet") for f in folders]))
        return sql.rows(con, "publish/coverage.sql")


def print_coverage(published: str | Path, years: list[int] | None = None) -> None:
    rows = coverage(published, years)
    for year in sorted({r["year"] for r in rows}):
        shares = ", ".join(_share(r) for r in rows if r["year"] == year)
        trusts = next(r["trusts"] for r in rows if r["year"] == year)
        print(f"{year} public edition, share of its {trusts} trusts published: {shares}")


def _share(row: dict) -> str:
    """A headline's share: by its figure, and by a verdict where any trust has one."""
    if not row["trusts_verdict"]:
        return f"{row['headline']} {row['percent_published']:.1f} %"
    return (f"{row['headline']} {row['percent_carried']:.1f} % ({row['percent_published']:.1f}"
            f" % by figure, {row['percent_verdict']:.1f} % by verdict)")
