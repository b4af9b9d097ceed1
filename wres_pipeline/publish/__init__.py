"""Publishing: versioned, atomic, disclosure-controlled Parquet snapshots of each WRES year."""
