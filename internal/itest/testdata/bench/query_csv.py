"""The peer for relmap's query benchmark: the official Neo4j Python driver
runs one statement and writes its rows as CSV to stdout with the csv module.

The connection comes from the environment only (NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD, NEO4J_DATABASE), never from arguments, so the password does
not show in the process list; the statement is the one argument. Floats
are written as Python's repr, which is what relmap writes too, and lines end
in \\n as relmap's do, so the two outputs can be compared byte for byte.
Timing and memory are measured from outside, by the Go benchmark.
"""

import csv
import os
import sys

from neo4j import GraphDatabase


def main() -> int:
    uri = os.environ["NEO4J_URI"]
    auth = (os.environ.get("NEO4J_USERNAME") or "neo4j", os.environ.get("NEO4J_PASSWORD", ""))
    database = os.environ.get("NEO4J_DATABASE") or None
    if len(sys.argv) != 2:
        print("usage: query_csv.py CYPHER (connection from NEO4J_* in the environment)", file=sys.stderr)
        return 2
    query = sys.argv[1]
    out = csv.writer(sys.stdout, lineterminator="\n")
    with GraphDatabase.driver(uri, auth=auth) as driver:
        with driver.session(database=database, default_access_mode="READ") as session:
            result = session.run(query)
            out.writerow(result.keys())
            for record in result:
                out.writerow(record.values())
            summary = result.consume()
    avail = summary.result_available_after or 0
    consumed = summary.result_consumed_after or 0
    print(f"(server {avail + consumed}ms)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
