// name: actor-ties
// description: Every tie of one actor, in either direction and in any period, with
//   the other end, the tie's attributes, its dates as precise as they are known,
//   whether it is in force at $at, its note and its sources. direction is out
//   when the actor is the tie's from end, in otherwise (meaningless for the
//   symmetric types CONSULTS, RIVALS, NO_INSTITUTIONAL_TIES and BORDERS).
//   Ordered by type, other end, then start date.
//   attested is how far the tie's sources reach; confirmed says whether one
//   speaks for it on $at (the attestation rule, graph.ConfirmedAtCypher).
// param: id actor kazakhstan "the actor's id"
// param: at date today "the day in_force is judged on"
// time: yes
MATCH (a:Actor {id: $id})-[r]-(b:Actor)
RETURN type(r) AS type,
       CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       b.id AS other,
       coalesce(b.short, b.name) AS other_name,
       b.kind AS other_kind,
       reduce(s = '', x IN [k IN ['role', 'status', 'cycle', 'route', 'order', 'mode', 'what', 'where', 'form', 'format', 'subject', 'field', 'for'] WHERE r[k] IS NOT NULL | k + '=' + toString(r[k])] | s + CASE s WHEN '' THEN '' ELSE ', ' END + x) AS attributes,
       left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since,
       left(toString(r.until), CASE r.until_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS until,
       left(toString(r.attested), CASE r.attested_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS attested,
       (((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)) AND r.attested IS NOT NULL AND $at <= r.attested) AS confirmed,
       ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)) AS in_force,
       r.note AS note,
       r.sources AS sources
ORDER BY type, other, r.since
