"""The staging layer: each extract of a WRES year landed, archived, typed and validated."""
