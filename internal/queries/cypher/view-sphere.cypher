// name: view-sphere
// description: For drawing: an organisation's sphere on $at as paths. Every
//   MEMBER_OF tie to $org in force, whatever the role (the tie's role property
//   says which), and every state's PARTICIPATES_IN (any status) or HAS_IPAP tie
//   in force to a programme of the organisation's sphere, with that programme's
//   chain up to the organisation. A programme is the sphere's when the
//   organisation LEADS it or it is PART_OF the organisation, or it is PART_OF
//   such a programme, three levels down at most (graph.ProgrammeDepth). Only
//   the states' and members' ties are judged at $at; the programme structure
//   is drawn as recorded.
// param: org actor nato "the organisation's id"
// param: at date today "the day asked about"
// time: yes
MATCH p = (:Actor)-[r:MEMBER_OF]->(:Actor {id: $org})
WHERE ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
RETURN p
UNION
MATCH p = (:State)-[r:PARTICIPATES_IN|HAS_IPAP]->(:Programme)-[:PART_OF*0..2]->(:Programme)<-[:LEADS]-(:Actor {id: $org})
WHERE ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
  AND all(x IN nodes(p)[1..-1] WHERE x:Programme)
RETURN p
UNION
MATCH p = (:State)-[r:PARTICIPATES_IN|HAS_IPAP]->(:Programme)-[:PART_OF*0..2]->(:Programme)-[:PART_OF]->(:Actor {id: $org})
WHERE ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
  AND all(x IN nodes(p)[1..-1] WHERE x:Programme)
RETURN p
