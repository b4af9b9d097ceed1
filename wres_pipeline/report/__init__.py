"""The national data report: a self-contained HTML page per year from the public snapshots."""
