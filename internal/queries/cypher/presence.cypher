// name: presence
// description: Presence on the ground on $at: every PRESENT_IN tie in force (a
//   delegation, liaison officer, office or embassy of one actor in a state or
//   place), with its form, dates and sources. $actor narrows to one present
//   actor, $where to one state or place. Ordered by where, then actor.
//   attested is how far the tie's sources reach; confirmed says whether one
//   speaks for it on $at (the attestation rule, graph.ConfirmedAtCypher).
// param: at date today "the day asked about"
// param: actor actor null "only the presence of this actor"
// param: where actor null "only presence in this state or place"
// time: yes
MATCH (a:Actor)-[r:PRESENT_IN]->(w:Actor)
WHERE ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
  AND ($actor IS NULL OR a.id = $actor)
  AND ($where IS NULL OR w.id = $where)
RETURN w.id AS place,
       coalesce(w.short, w.name) AS place_name,
       a.id AS actor,
       coalesce(a.short, a.name) AS actor_name,
       r.form AS form,
       left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since,
       left(toString(r.until), CASE r.until_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS until,
       left(toString(r.attested), CASE r.attested_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS attested,
       (((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)) AND r.attested IS NOT NULL AND $at <= r.attested) AS confirmed,
       r.sources AS sources
ORDER BY place, actor, form
