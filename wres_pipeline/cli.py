"""`wres-pipeline`: run the WRES pipeline without the UI.

    wres-pipeline demo                   generate the sample years and run them end to end
    wres-pipeline run --years 2022-2024  materialise years already in the landing zone
    wres-pipeline ui [--port 3000]       start the Dagster UI and daemon on 127.0.0.1
    wres-pipeline serve [--port 8765]    browse the published sites on 127.0.0.1
    wres-pipeline backfill --years 2015-2025 [--workers 2]
                                         many years in parallel processes, phase by phase
    wres-pipeline status                 each year's snapshot, and which years are stale
    wres-pipeline suites                 regenerate expectations/ from the contracts
"""

import argparse
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from wres_pipeline import settings
from wres_pipeline.ingest.errors import shorten
from wres_pipeline.instance import create_storage, prepare_home
from wres_pipeline.resources import WresSettings


def _print_run(label: str, result, seconds: float) -> None:
    status = "succeeded" if result.success else "FAILED"
    print(f"{label}: run {result.run_id[:8]} {status} in {seconds:.1f} s")
    for asset, rows in sorted(result.rows.items()):
        print(f"  {asset}: {rows:,} rows" if rows is not None else f"  {asset}")
    failed = [c for c in result.checks if not c.passed]
    print(f"  checks: {len(result.checks) - len(failed)} passed, "
          f"{sum(c.severity == 'WARN' for c in failed)} warnings, "
          f"{sum(c.severity == 'ERROR' for c in failed)} errors")
    for check in failed:
        print(f"    {check.severity.lower()}: {check.asset} {check.name}: "
              f"{shorten(check.description, 500)}")
    if result.skipped:
        print(f"  not materialised: {', '.join(result.skipped)}")
    if result.error:
        print(f"  error: {result.error}")


def _run_years(years: list[int], current: WresSettings, phase: str | None = None,
               force: bool = True) -> int:
    import dagster as dg  # imported after DAGSTER_HOME is set

    from wres_pipeline import staleness
    from wres_pipeline.completion import BuiltFrom
    from wres_pipeline.definitions import defs
    from wres_pipeline.jobs import backfill_phases
    from wres_pipeline.planning import later_published, should_build
    from wres_pipeline.runner import run_time_series, run_year

    phases = backfill_phases(defs.resolve_asset_graph())
    if phase is not None and phase not in phases:
        print(f"wres-pipeline: no phase '{phase}'; the phases are: {', '.join(phases)}",
              file=sys.stderr)
        return 2
    selection = phases[phase] if phase else None
    create_storage()
    instance = dg.DagsterInstance.get()
    built = BuiltFrom(instance)
    results = []
    # Years in order: a year rebuilt can make the next stale, which is then rebuilt too.
    later = later_published(years, current) if phase is None else []
    for year in sorted(set(years) | set(later)):
        if phase is None and not (force and year in years) and not should_build(
                year, year in years, current, built):
            continue
        started = time.perf_counter()
        results.append(run_year(defs, instance, year, asset_selection=selection))
        _print_run(str(year), results[-1], time.perf_counter() - started)
    series_stale = staleness.series_reasons(built, current.paths.published)
    if phase in (None, list(phases)[-1]) and (any(r.success for r in results) or series_stale):
        if series_stale and not results:
            print(f"time series: stale ({'; '.join(series_stale)}); rebuilding")
        started = time.perf_counter()
        series = run_time_series(defs, instance)
        _print_run("time series", series, time.perf_counter() - started)
        results.append(series)
    if not results:
        if phase is None:  # nothing to build: still say where everything is
            _print_locations(current)
        return 0
    from wres_pipeline.publish.coverage import print_coverage

    print_coverage(current.paths.published, years)
    _print_locations(current)
    return 0 if all(r.success for r in results) else 1


def _print_locations(current: WresSettings) -> None:
    print(f"\nLanding zone:    {current.paths.landing}")
    print(f"Raw archive:     {current.paths.archive}")
    print(f"DuckDB per year: {current.paths.warehouse}/wres_<year>.duckdb "
          "(indicators.wres_indicators, indicators.trust_distribution, "
          "indicators.model_employer)")
    print(f"Time series:     {current.paths.warehouse}/wres_time_series.duckdb "
          "(publish.time_series)")
    print(f"Published:       {current.paths.published}/internal/<year>/LATEST (all counts) and "
          f"{current.paths.published}/public/<year>/LATEST (disclosure-controlled)")
    print(f"Public dataset:  {current.paths.published}/public/dataset/<table>/year=<YYYY>/")
    print(f"Dagster home:    {current.dagster_home} (open the UI: see README, 'Dagster UI')")
    # Last, as the reader's way in: each year's site (open the index in a browser, offline,
    # or browse them all with `wres-pipeline serve`).
    root = Path(current.paths.published) / "public" / "site"
    years = sorted(int(p.name) for p in root.glob("[0-9]*") if (p / "index.html").exists())
    if years:
        print(f"Sites:           {', '.join(map(str, years))} (browse: wres-pipeline serve)")
        for year in years:
            print(f"  {year}: {(root / str(year) / 'index.html').absolute()}")


def status_command(args: argparse.Namespace) -> int:
    """Which years are published, current, stale (and why) or to be rebuilt."""
    import dagster as dg

    from wres_pipeline.completion import BuiltFrom
    from wres_pipeline.planning import status

    create_storage()
    with dg.DagsterInstance.get() as instance:
        return status(settings.current(), BuiltFrom(instance))


def coverage_command(args: argparse.Namespace) -> int:
    """How much of each trust's headline figures the public edition publishes, by year."""
    from wres_pipeline.publish.coverage import print_coverage

    print_coverage(settings.current().paths.published, args.years)
    return 0


def audit_command(args: argparse.Namespace) -> int:
    """The attacker's audit of the public edition: every withheld count's interval."""
    from dataclasses import replace

    from wres_pipeline.audit.report import audit, lines
    from wres_pipeline.disclosure.edition import rules_of

    current = settings.current()
    width = args.width or current.publish.protection_width
    result = audit(Path(args.published or current.paths.published), args.years, width,
                   replace(rules_of(current.publish), protection_width=width))
    print("\n".join(lines(result)))
    if args.list:
        for finding in result.failures():
            print(f"  {finding.label()}: [{finding.lo:g}, {finding.hi:g}]"
                  f"{'' if finding.exact else ' (at most)'}; {', '.join(finding.routes)}")
    return 1 if args.strict and (result.failures() or result.unsound) else 0


def demo_command(args: argparse.Namespace) -> int:
    from wres_pipeline.sample.generate import generate_year
    from wres_pipeline.year_ranges import parse_years

    current = settings.current()
    years = args.years or parse_years(current.sample.years)
    print(f"Generating sample extracts for {years[0]}-{years[-1]} "
          f"(seed {current.sample.seed}, scale {current.sample.scale}) ...")
    for year in years:
        folder = Path(current.paths.landing) / str(year)
        if folder.exists():
            shutil.rmtree(folder)
        made = generate_year(year, Path(current.paths.landing), current.sample.seed,
                             current.sample.scale)
        print(f"  {year}: {made.esr_rows:,} ESR rows, {made.trusts} trusts "
              f"({made.seconds:.1f} s) -> {made.folder}")
    print("Materialising through Dagster ...")
    return _run_years(years, current)


def run_command(args: argparse.Namespace) -> int:
    return _run_years(args.years, settings.current(), args.phase, args.force)


def backfill_command(args: argparse.Namespace) -> int:
    """Run many years in parallel processes, phase by phase, then the time series."""
    import dagster as dg

    from wres_pipeline.backfill import backfill
    from wres_pipeline.definitions import defs
    from wres_pipeline.runner import run_time_series

    current = settings.current()
    years = args.years
    print(f"Backfilling {len(years)} years ({years[0]}-{years[-1]}), {args.workers} at a time")
    started = time.perf_counter()
    phases = backfill(years, args.workers, str(current.dagster_home), current=current)
    with dg.DagsterInstance.get() as instance:
        series = run_time_series(defs, instance)
    print(f"time series: {'succeeded' if series.success else 'FAILED'}")
    done = [r.year for r in phases[1].runs if r.success]
    print(f"{len(done)} of {len(years)} years published in {time.perf_counter() - started:.1f} s"
          f" (wall time); published under {current.paths.published}")
    rebuilt_ok = all(r.success for phase in phases[2:] for r in phase.runs)
    return 0 if len(done) == len(years) and series.success and rebuilt_ok else 1


def suites_command(args: argparse.Namespace) -> int:
    """Regenerate expectations/*.json and the rules section of docs/data-quality.md."""
    from wres_pipeline.validation import rules_doc, suites

    for path in suites.write_all():
        print(f"wrote {path}")
    rules_doc.write()
    print(f"wrote the rules section of {rules_doc.DOC}")
    return 0


def ui_command(args: argparse.Namespace) -> int:
    """The Dagster webserver (bound to the loopback address unless told otherwise) and the
    daemon, until Ctrl-C or SIGTERM stops both (wres_pipeline/ui.py)."""
    from wres_pipeline.ui import serve

    return serve(args.host, args.port)


def serve_command(args: argparse.Namespace) -> int:
    """The published sites on 127.0.0.1 for a browser (wres_pipeline/report/serve.py)."""
    from wres_pipeline.report.serve import serve
    from wres_pipeline.report.site import site_root

    return serve(site_root(settings.current().paths.published), args.port)


class _Parser(argparse.ArgumentParser):
    """A usage error is one line on standard error and exit status 2, never a traceback."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _positive(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a whole number of 1 or more")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    from wres_pipeline.year_ranges import years_argument

    parser = _Parser(prog="wres-pipeline", description=__doc__,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    demo = commands.add_parser("demo", help="generate sample extracts and run them")
    demo.add_argument("--years", type=years_argument,
                      help="default: [sample] years in config.toml")
    demo.set_defaults(run=demo_command)
    run = commands.add_parser("run", help="materialise WRES years from the landing zone")
    run.add_argument("--years", required=True, type=years_argument,
                     help="e.g. 2024, 2015-2025 or 2016,2018")
    run.add_argument("--force", action="store_true",
                     help="rebuild years already published from the same files")
    run.add_argument("--phase", help="run only one phase of each year, as a backfill does: "
                                      "'within the year', then each layer from the first that "
                                      "reads an earlier year (the benchmarks time them apart)")
    run.set_defaults(run=run_command)
    status = commands.add_parser("status", help="which years are published, current or stale")
    status.set_defaults(run=status_command)
    coverage = commands.add_parser(
        "coverage", help="share of trusts whose headline figures the public edition publishes")
    coverage.add_argument("--years", type=years_argument, help="default: every published year")
    coverage.set_defaults(run=coverage_command)
    audit = commands.add_parser(
        "audit", help="what an attacker can work out of each count the public edition withholds")
    audit.add_argument("--years", type=years_argument, help="default: every published year")
    audit.add_argument("--published", help="a published folder (default: config.toml's)")
    audit.add_argument("--width", type=_positive, help="protection width (default: "
                                                        "[publish] protection_width)")
    audit.add_argument("--list", action="store_true", help="name every count not protected")
    audit.add_argument("--strict", action="store_true",
                       help="exit 1 when any count is not protected")
    audit.set_defaults(run=audit_command)
    backfill = commands.add_parser("backfill", help="run many years in parallel processes")
    backfill.add_argument("--years", required=True, type=years_argument, help="e.g. 2015-2025")
    backfill.add_argument("--workers", type=_positive, default=2, help="years run at once")
    backfill.set_defaults(run=backfill_command)
    suites = commands.add_parser("suites", help="regenerate the GX suites from the contracts")
    suites.set_defaults(run=suites_command)
    ui = commands.add_parser("ui", help="start the Dagster UI (default http://127.0.0.1:3000)")
    ui.add_argument("--port", type=_positive, default=3000)
    ui.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    ui.set_defaults(run=ui_command)
    serve = commands.add_parser("serve", help="browse the published sites on 127.0.0.1 "
                                              "(default port 8765)")
    serve.add_argument("--port", type=_positive, default=8765)
    serve.set_defaults(run=serve_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from wres_pipeline.environment import EnvironmentFault, explain

    args = build_parser().parse_args(argv)
    home = settings.current().dagster_home
    try:
        os.environ["DAGSTER_HOME"] = str(prepare_home(home))
        return args.run(args)
    except (OSError, EnvironmentFault, sqlite3.Error, SQLAlchemyError) as error:
        # A fault of the machine, not of the data: one line naming the path and what to do.
        # The published tree is untouched (everything is published by atomic renames).
        print(f"wres-pipeline: {explain(error, str(home))}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
