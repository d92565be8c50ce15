// name: org-overlap
// description: Pairs of organisations that share members on $at: for every two
//   organisations, the actors holding a MEMBER_OF tie in force to both with a
//   role in $roles (member by default; add observer, dialogue_partner, partner
//   or suspended to widen it). One row per pair with the number and ids of the
//   shared members (sorted); ordered by that number, most first, then the pair's ids.
// param: at date today "the day asked about"
// param: roles list ["member"] "the roles that count as belonging"
// param: min int 1 "the least number of shared members a pair must have"
// time: yes
MATCH (m:Actor)-[r1:MEMBER_OF]->(o1:Organisation),
      (m)-[r2:MEMBER_OF]->(o2:Organisation)
WHERE o1.id < o2.id
  AND r1.role IN $roles AND r2.role IN $roles
  AND ((r1.since IS NULL OR r1.since <= $at) AND (r1.until IS NULL OR $at < r1.until))
  AND ((r2.since IS NULL OR r2.since <= $at) AND (r2.until IS NULL OR $at < r2.until))
WITH o1, o2, m
ORDER BY m.id
WITH o1, o2, collect(DISTINCT m.id) AS members
WHERE size(members) >= $min
RETURN o1.id AS org_a,
       coalesce(o1.short, o1.name) AS org_a_name,
       o2.id AS org_b,
       coalesce(o2.short, o2.name) AS org_b_name,
       size(members) AS shared,
       members
ORDER BY shared DESC, org_a, org_b
