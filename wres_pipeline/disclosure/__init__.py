"""The disclosure model of the public edition: every count it publishes is a cell (once, whatever
tables show it), every published relation among counts is a linear row over cells, and every
other figure rests on the cells it is computed from. Primary rules mark the cells too small to
publish; secondary suppression (suppression.py) withholds more cells until each withheld one can
move by the protection width without changing anything published; a figure is published only
where every cell it rests on is (figures.py). The attacker's audit (wres_pipeline/audit) checks
the result over every published year.
"""
