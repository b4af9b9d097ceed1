"""Sample extract generator: realistic, deterministic WRES raw extracts for any year 2015-2025.

Trusts, regions and types are the real ones (ODS and NHS Staff Survey files in `reference/`);
the workforce mix by grade and ethnicity follows the national ESR figures; national totals are
calibrated to the published WRES figures in `reference/national_targets.csv`.
"""
