"""Centralities of relmap's networks by NetworkX, to check relmap's (gonum's).

Usage: python3 networkx_centrality.py < networks.json

Reads {"NAME": [[a, b], ...], ...}: for each network its undirected links.
Prints {"NAME": {"degree": {node: n}, "betweenness": {node: x}}} with
NetworkX's degree and betweenness_centrality (normalised, undirected).
"""
import json
import sys

import networkx as nx


def main():
    out = {}
    for name, links in json.load(sys.stdin).items():
        g = nx.Graph()
        g.add_edges_from(links)
        out[name] = {
            "degree": dict(g.degree()),
            "betweenness": nx.betweenness_centrality(g, normalized=True),
        }
    json.dump(out, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
