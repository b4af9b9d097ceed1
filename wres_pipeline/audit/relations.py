"""The linear relations among published counts, from `reference/disclosure_hierarchies.csv`:
areas (trust -> ICB -> region -> England, trust -> trust type -> England), groups (White + BME +
Unknown = all) and breakdowns (grades, clinical flags, board members), plus the pooled senior
bands the method settings name.

A `sum` relation is exact (the parent is its children added up); a `cover` relation holds where
a person may be counted in several children (a grade each post): the parent is at most the
children added up and at least each of them. A new breakdown (detailed ethnic groups, a fuller
board return) is one more hierarchy in the file.
"""

import math
from collections import defaultdict

from wres_pipeline import reference
from wres_pipeline.audit.facts import Linear

ENGLAND = "E92000001"


def hierarchy(name: str) -> list[dict]:
    return [row for row in reference.table("disclosure_hierarchies") if row["hierarchy"] == name]


def memberships(organisations: dict) -> dict:
    """{(year, child level, child code): {parent level: parent code}} from each year's published
    organisations table ({year: [(code, icb, region, type)]})."""
    found = {}
    for year, rows in organisations.items():
        for code, icb, region, kind in rows:
            found[(year, "trust", code)] = {"icb": icb, "region": region, "trust_type": kind,
                                            "england": ENGLAND}
            found[(year, "icb", icb)] = {"region": region, "england": ENGLAND}
            found[(year, "region", region)] = {"england": ENGLAND}
            found[(year, "trust_type", kind)] = {"england": ENGLAND}
    return found


def _relation(parent, children: list, kind: str, route: str) -> list:
    """`sum`: the children add up to the parent; `cover`: at least the parent, and none more."""
    terms = {parent: -1.0}
    for c in children:
        terms[c] = terms.get(c, 0.0) + 1.0
    if kind == "sum":
        return [Linear(terms, 0.0, 0.0, route)]
    return [Linear(terms, 0.0, math.inf, route)] + [
        Linear({parent: 1.0, c: -1.0}, 0.0, math.inf, route) for c in children]


def area_facts(cells: set, members: dict) -> list:
    """Each area's count = its children's counts added up, for every count of the area."""
    by_key = defaultdict(dict)
    for cell in cells:
        year, level, area, *rest = cell
        by_key[(year, *rest)][(level, area)] = cell
    facts = []
    for (year, *_), places in by_key.items():
        for row in hierarchy("area"):
            children = defaultdict(list)
            for (level, area), cell in places.items():
                if level == row["child"]:
                    parent_code = members.get((year, level, area), {}).get(row["parent"])
                    children[parent_code].append(cell)
            for parent_code, kids in children.items():
                parent = places.get((row["parent"], parent_code))
                if parent is not None:
                    facts += _relation(parent, kids, row["relation"],
                                       f"{row['child']} -> {row['parent']}")
    return facts


def group_facts(cells: set) -> list:
    """White + BME + Unknown = all, wherever a count has all its groups."""
    by_key = defaultdict(dict)
    for cell in cells:
        *head, group, role = cell
        by_key[(*head, role)][group] = cell
    facts = []
    rows = hierarchy("group")
    for _key, groups in by_key.items():
        for parent in dict.fromkeys(r["parent"] for r in rows):
            kids = [r for r in rows if r["parent"] == parent]
            if parent in groups and all(r["child"] in groups for r in kids):
                facts += _relation(groups[parent], [groups[r["child"]] for r in kids],
                                   kids[0]["relation"], "groups -> all")
    return facts


def _matches(pattern: str, breakdown: str) -> str | None:
    """The grade a pattern's `*` stands for in a breakdown ('' without a star), or None."""
    if "*" not in pattern:
        return "" if pattern == breakdown else None
    prefix = pattern.removesuffix("*")
    rest = breakdown.removeprefix(prefix)
    return rest if breakdown.startswith(prefix) and rest and rest != "all" else None


def breakdown_facts(cells: set, pools: dict[str, list[str]]) -> list:
    """Grades -> clinical flags -> all, grades -> all:<grade>, board members, pooled bands."""
    by_key = defaultdict(dict)
    for cell in cells:
        year, level, area, indicator, breakdown, group, role = cell
        by_key[(year, level, area, indicator, group, role)][breakdown] = cell
    facts = []
    shapes: dict = {}  # the relations among a set of breakdowns, worked out once per set
    for held in by_key.values():
        names = frozenset(held)
        if names not in shapes:
            shapes[names] = _breakdown_relations(names, pools)
        for parent, kind, kids in shapes[names]:
            facts += _relation(held[parent], [held[k] for k in kids], kind,
                               f"breakdowns -> {parent}")
    return facts


def _breakdown_relations(names: frozenset, pools: dict) -> list:
    pooled = {f"all:{name}" for name in pools}
    rows = hierarchy("breakdown") + [
        {"parent": f"all:{name}", "child": f"all:{band}", "relation": "cover"}
        for name, bands in pools.items() for band in bands]
    relations = defaultdict(list)
    for row in rows:
        for parent in sorted(names):
            star = _matches(row["parent"], parent)
            if star is None:
                continue
            for child in sorted(names):
                got = _matches(row["child"], child)
                if child == parent or got is None or (star and got != star):
                    continue
                if child in pooled and parent not in pooled:
                    continue  # a pooled band is no grade of its own
                relations[(parent, row["relation"])].append(child)
    return [(parent, kind, kids) for (parent, kind), kids in relations.items()]
