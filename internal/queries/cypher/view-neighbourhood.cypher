// name: view-neighbourhood
// description: For drawing: one actor's neighbourhood on $at, every path of up
//   to $depth ties (1 or 2; Cypher cannot take a path length bound as a
//   parameter, so the pattern stops at 2 and longer depths act as 2) from $id,
//   in either direction, along ties all in force at $at.
// param: id actor kazakhstan "the actor's id"
// param: depth int 1 "how many ties away from the actor, 1 or 2"
// param: at date today "the day asked about"
// time: yes
MATCH p = (:Actor {id: $id})-[*1..2]-(:Actor)
WHERE length(p) <= $depth
  AND all(r IN relationships(p) WHERE ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)))
RETURN p
