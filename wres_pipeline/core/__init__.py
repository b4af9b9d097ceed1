"""The core layer: the workforce as WRES counts it, and the extracts reconciled trust by trust."""
