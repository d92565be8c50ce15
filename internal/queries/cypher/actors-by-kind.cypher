// name: actors-by-kind
// description: The actors of one kind (state, organisation, programme, route,
//   place or initiative), optionally of one region, with their short name,
//   region, aliases and the number of ties each has in any period. Ordered by
//   id.
// param: kind kind state "the kind of actor"
// param: region string null "only actors of this region, e.g. central-asia"
MATCH (a:Actor {kind: $kind})
WHERE $region IS NULL OR a.region = $region
RETURN a.id AS id,
       a.name AS name,
       a.short AS short,
       a.region AS region,
       a.aliases AS aliases,
       COUNT { (a)--(:Actor) } AS ties
ORDER BY id
