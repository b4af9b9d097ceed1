"""Counts joined into sets by the facts that name them together (union-find): the audit's
programs are solved set by set, and a certificate is checked part by part."""


class Joined:
    """Disjoint sets of counts, joined two at a time."""

    def __init__(self, cells):
        self.parent = {c: c for c in cells}

    def __contains__(self, cell) -> bool:
        return cell in self.parent

    def root(self, c):
        parent = self.parent
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def join(self, a, b) -> None:
        a, b = self.root(a), self.root(b)
        if a != b:
            self.parent[a] = b
