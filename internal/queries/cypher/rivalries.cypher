// name: rivalries
// description: Rivalries and tensions on $at: every RIVALS tie in force. The type
//   is symmetric, so each pair is listed once with the lower id first; with the
//   dates, note and sources. Ordered by the pair.
//   attested is how far the tie's sources reach; confirmed says whether one
//   speaks for it on $at (the attestation rule, graph.ConfirmedAtCypher).
// param: at date today "the day asked about"
// time: yes
MATCH (a:Actor)-[r:RIVALS]-(b:Actor)
WHERE a.id < b.id
  AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
RETURN a.id AS actor_a,
       coalesce(a.short, a.name) AS actor_a_name,
       b.id AS actor_b,
       coalesce(b.short, b.name) AS actor_b_name,
       left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since,
       left(toString(r.until), CASE r.until_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS until,
       left(toString(r.attested), CASE r.attested_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS attested,
       (((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)) AND r.attested IS NOT NULL AND $at <= r.attested) AS confirmed,
       r.note AS note,
       r.sources AS sources
ORDER BY actor_a, actor_b
