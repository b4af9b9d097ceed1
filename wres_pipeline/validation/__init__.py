"""Validation: the contracts' rules as Great Expectations suites, run as Dagster asset checks."""
