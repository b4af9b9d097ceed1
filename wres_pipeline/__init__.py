"""WRES pipeline: the NHS Workforce Race Equality Standard, from raw extracts to published
figures."""

__version__ = "0.1.0"
