"""Ingest: from a year's landing folder to the raw archive and typed DuckDB staging tables."""
