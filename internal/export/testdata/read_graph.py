"""Read a relmap GraphML or GEXF export with NetworkX and check what a user gets.

Usage: python3 read_graph.py FILE.graphml|FILE.gexf

Prints one JSON object: whether the graph is directed, a multigraph and (GEXF)
dynamic, its node and edge counts, the Python type each attribute arrives as,
every node's label, and every edge's source, target, tie key, id, start,
end and (GEXF) confirmed, a list of [value, start, end]. Exits non-zero when an attribute's type is not the declared one (order
int, flags bool, text str) or is mixed.
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
    "tie_key": str,
    "sources": str,
    "start": str,
    "end": str,
}


def main(path):
    gexf = path.endswith(".gexf")
    g = nx.read_gexf(path) if gexf else nx.read_graphml(path)
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
    edges = []
    for u, v, attrs in g.edges(data=True):
        note("edge %s->%s" % (u, v), {k: a for k, a in attrs.items() if k != "confirmed"})
        for value, _, _ in attrs.get("confirmed", []):
            if type(value) is not bool:
                problems.append("edge %s->%s: confirmed is %s, want bool" % (u, v, type(value).__name__))
        # GraphML's key attribute is GEXF's tie_key (NetworkX reserves key there).
        edges.append({"source": u, "target": v, "key": attrs.get("tie_key", attrs.get("key")),
                      "id": attrs.get("id"), "start": attrs.get("start"), "end": attrs.get("end"),
                      "confirmed": attrs.get("confirmed")})
    edges.sort(key=lambda e: e["key"] or "")

    print(json.dumps({
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "mode": g.graph.get("mode"),
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "types": types,
        "labels": {n: a.get("label") for n, a in g.nodes(data=True)},
        "edge_list": edges,
    }, ensure_ascii=False, sort_keys=True))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
