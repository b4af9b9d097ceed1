"""Where the project's own files live (reference data, SQL assets, expectation suites).

The pipeline runs from a checkout of the repository (an editable install), so these folders sit
beside the package. Where run-time data goes is configuration: see `settings.py`.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = PROJECT_ROOT / "reference"
SQL_ASSETS_DIR = PROJECT_ROOT / "assets"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
CONTRACTS_DIR = Path(__file__).resolve().parent / "contracts"
