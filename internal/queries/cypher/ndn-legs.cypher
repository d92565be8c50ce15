// name: ndn-legs
// description: The transit legs of a network's routes in order: every route that
//   is the network itself or PART_OF it (up to three levels down), and each
//   TRANSIT_LEG whose route attribute names it, with its order, from and to
//   ends, mode, dates and sources. With $at only the legs in force that day;
//   without, every leg ever recorded. $route narrows to one route. Ordered by
//   route id, then leg order.
//   attested is how far the tie's sources reach; confirmed says whether one
//   speaks for it on $at (the attestation rule, graph.ConfirmedAtCypher).
// param: network actor ndn "the network's route id"
// param: route string null "only this route or spur"
// param: at date null "only legs in force on this day; leave out for all"
// time: yes
MATCH (rt:Route)
WHERE (rt.id = $network OR EXISTS { (rt)-[:PART_OF*1..3]->(:Route {id: $network}) })
  AND ($route IS NULL OR rt.id = $route)
MATCH (a:Actor)-[r:TRANSIT_LEG]->(b:Actor)
WHERE r.route = rt.id
  AND ($at IS NULL OR ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)))
RETURN rt.id AS route,
       coalesce(rt.short, rt.name) AS route_name,
       r.order AS leg,
       a.id AS origin,
       coalesce(a.short, a.name) AS origin_name,
       b.id AS destination,
       coalesce(b.short, b.name) AS destination_name,
       r.mode AS mode,
       left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since,
       left(toString(r.until), CASE r.until_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS until,
       left(toString(r.attested), CASE r.attested_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS attested,
       (((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)) AND r.attested IS NOT NULL AND $at <= r.attested) AS confirmed,
       r.sources AS sources
ORDER BY route, leg
