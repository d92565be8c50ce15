// name: supporters-opponents
// description: Who supports and who opposes a project, policy or actor on $at:
//   every SUPPORTS or OPPOSES tie to $target in force that day, with the stance
//   (supports or opposes), the actor, the tie's dates, note and sources.
//   Supporters first, then opponents, each by actor id.
//   attested is how far the tie's sources reach; confirmed says whether one
//   speaks for it on $at (the attestation rule, graph.ConfirmedAtCypher).
// param: target actor tapi "the id of the project, policy or actor"
// param: at date today "the day asked about"
// time: yes
MATCH (a:Actor)-[r:SUPPORTS|OPPOSES]->(t:Actor {id: $target})
WHERE ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
RETURN CASE type(r) WHEN 'SUPPORTS' THEN 'supports' ELSE 'opposes' END AS stance,
       a.id AS actor,
       coalesce(a.short, a.name) AS actor_name,
       left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since,
       left(toString(r.until), CASE r.until_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS until,
       left(toString(r.attested), CASE r.attested_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS attested,
       (((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)) AND r.attested IS NOT NULL AND $at <= r.attested) AS confirmed,
       r.note AS note,
       r.sources AS sources
ORDER BY stance DESC, actor
