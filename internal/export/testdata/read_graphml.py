"""Read a relmap GraphML export with NetworkX and check what a user gets.

Usage: python3 read_graphml.py FILE.graphml

Prints one JSON object: node and edge counts, the Python type each attribute
arrives as, and every node's label. Exits non-zero when an attribute's type
is not the declared one (order int, flags bool, text str) or is mixed.
"""
import json
import sys

import networkx as nx

WANT = {
    "order": int,
    "symmetric": bool,
    "sphere": bool,
    "external": bool,
    "label": str,
    "since": str,
    "key": str,
    "sources": str,
}


def main(path):
    g = nx.read_graphml(path)
    problems = []
    types = {}

    def note(what, attrs):
        for name, value in attrs.items():
            t = type(value)
            seen = types.setdefault(name, t.__name__)
            if seen != t.__name__:
                problems.append("%s: %s is %s here but %s elsewhere" % (what, name, t.__name__, seen))
            want = WANT.get(name)
            if want is not None and t is not want:
                problems.append("%s: %s is %s, want %s" % (what, name, t.__name__, want.__name__))

    for n, attrs in g.nodes(data=True):
        note("node " + n, attrs)
    for u, v, attrs in g.edges(data=True):
        note("edge %s->%s" % (u, v), attrs)

    print(json.dumps({
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "types": types,
        "labels": {n: a.get("label") for n, a in g.nodes(data=True)},
    }, ensure_ascii=False, sort_keys=True))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
