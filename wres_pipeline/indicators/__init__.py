"""The nine WRES indicators: person-level workforce tables, counts, results, distribution and
Model Employer, each table a SQL file under `assets/` and a Dagster asset per WRES year."""
