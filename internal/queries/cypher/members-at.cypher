// name: members-at
// description: Members of an organisation on a day: every actor with a MEMBER_OF
//   tie to the organisation in force at $at (since <= at < until), whatever its
//   role (member, observer, dialogue_partner, partner, suspended) unless $role
//   picks one. One row per tie, with the tie's dates as precise as they are known
//   and its sources; ordered by role, then member id.
//   attested is how far the tie's sources reach; confirmed says whether one
//   speaks for it on $at (the attestation rule, graph.ConfirmedAtCypher).
// param: org actor nato "the organisation's id"
// param: at date today "the day asked about"
// param: role role null "only ties with this role; leave out for every role"
// time: yes
MATCH (m:Actor)-[r:MEMBER_OF]->(o:Actor {id: $org})
WHERE ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
  AND ($role IS NULL OR r.role = $role)
RETURN m.id AS member,
       coalesce(m.short, m.name) AS member_name,
       m.kind AS kind,
       r.role AS role,
       left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since,
       left(toString(r.until), CASE r.until_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS until,
       left(toString(r.attested), CASE r.attested_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS attested,
       (((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)) AND r.attested IS NOT NULL AND $at <= r.attested) AS confirmed,
       r.sources AS sources
ORDER BY role, member
