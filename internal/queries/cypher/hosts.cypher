// name: hosts
// description: Who hosts what on $at: every HOSTS tie in force (a state or place
//   hosting a base, facility, office, exercise or event), with what is hosted
//   as the source puts it, the dates and sources. $host narrows to one host.
//   Ordered by host, then hosted id.
//   attested is how far the tie's sources reach; confirmed says whether one
//   speaks for it on $at (the attestation rule, graph.ConfirmedAtCypher).
// param: at date today "the day asked about"
// param: host actor null "only what this state or place hosts"
// time: yes
MATCH (h:Actor)-[r:HOSTS]->(x:Actor)
WHERE ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
  AND ($host IS NULL OR h.id = $host)
RETURN h.id AS host,
       coalesce(h.short, h.name) AS host_name,
       x.id AS hosted,
       coalesce(x.short, x.name) AS hosted_name,
       x.kind AS hosted_kind,
       r.what AS what,
       left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since,
       left(toString(r.until), CASE r.until_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS until,
       left(toString(r.attested), CASE r.attested_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS attested,
       (((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)) AND r.attested IS NOT NULL AND $at <= r.attested) AS confirmed,
       r.sources AS sources
ORDER BY host, hosted
