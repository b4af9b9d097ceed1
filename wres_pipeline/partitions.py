"""One partition per WRES year from 2015; the current year appears without a code change.

A WRES year Y means data at 31 March Y. Partitions are yearly time windows labelled by year
(`fmt="%Y"`); `end_offset=1` keeps the current calendar year's partition open so its data can be
ingested as soon as the collection closes.
"""

import dagster as dg

FIRST_WRES_YEAR = 2015

wres_year_partitions = dg.TimeWindowPartitionsDefinition(
    start=str(FIRST_WRES_YEAR), fmt="%Y", cron_schedule="0 0 1 1 *", end_offset=1,
)


def year_of(context: dg.AssetExecutionContext) -> int:
    """The WRES year of the partition being materialised."""
    return int(context.partition_key)
