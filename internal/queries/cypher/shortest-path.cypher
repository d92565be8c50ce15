// name: shortest-path
// description: The shortest chains of ties between two actors on $at, in either
//   direction along each tie, up to six ties long. Only ties in force at $at
//   count, and NO_INSTITUTIONAL_TIES never does: a recorded absence of ties is
//   not a link. All paths of the shortest length are returned, one per row,
//   with the number of ties, the path, and each tie's type and sources in
//   order. No row when the actors are the same or not connected.
// param: from actor kazakhstan "one actor's id"
// param: to actor csto "the other actor's id"
// param: at date today "the day asked about"
// time: yes
MATCH (a:Actor {id: $from})
MATCH (b:Actor {id: $to})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE type(r) <> 'NO_INSTITUTIONAL_TIES'
          AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)))
RETURN length(p) AS hops,
       p AS path,
       [r IN relationships(p) | type(r)] AS ties,
       [r IN relationships(p) | r.sources] AS sources
