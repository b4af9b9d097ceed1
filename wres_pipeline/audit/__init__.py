"""The disclosure audit: what an attacker holding every public file can work out of each count
the public edition withholds.

Every figure published (counts, rounded values, flags, null reasons, sums across areas, groups,
grades and years) becomes a constraint on the underlying counts (`facts.py`, `public_facts.py`,
`relations.py`); a linear program per connected set of withheld counts then gives, for each, the
least and greatest value consistent with everything published (`solver.py`); `report.py` says
which are recovered exactly or pinned narrower than the protection width.
"""
