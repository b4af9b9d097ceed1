"""The organisations layer: the ODS trusts file, trust types and successors, and the trusts of
each WRES year, which every other extract is checked against."""
