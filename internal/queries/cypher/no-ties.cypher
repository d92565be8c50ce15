// name: no-ties
// description: Recorded absences of institutional ties on $at: every
//   NO_INSTITUTIONAL_TIES tie in force, meaning a source states that two actors
//   have no official relations (not merely that the graph has no edge). The type
//   is symmetric, so the pair is listed with the lower id first. With the note,
//   which often says who sought ties, and the sources; ordered by the pair.
// param: at date today "the day asked about"
// time: yes
MATCH (a:Actor)-[r:NO_INSTITUTIONAL_TIES]-(b:Actor)
WHERE a.id < b.id
  AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
RETURN a.id AS actor_a,
       coalesce(a.short, a.name) AS actor_a_name,
       b.id AS actor_b,
       coalesce(b.short, b.name) AS actor_b_name,
       left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since,
       r.note AS note,
       r.sources AS sources
ORDER BY actor_a, actor_b
