"""WRES pipeline: the NHS Workforce Race Equality Standard, from raw extracts to published
figures."""

import warnings

__version__ = "0.1.0"

# Dagster 1.13 marks partitioned asset checks and partition-mapping options the pipeline relies
# on as preview or beta, and warns in every process; say so once here instead.
warnings.filterwarnings("ignore", message=r".*is currently in (beta|preview).*")
warnings.filterwarnings("ignore", message=r".*(beta|preview) .*may have breaking changes.*")
