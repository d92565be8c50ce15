// name: view-ndn
// description: For drawing: every transit leg of a network's routes (the network
//   itself or a route PART_OF it, up to three levels down) in any period, as
//   one relationship per row with its two ends; the legs carry route, order,
//   mode and dates, so a drawing can tell routes apart and mark legs no longer
//   in use.
// param: network actor ndn "the network's route id"
MATCH (rt:Route)
WHERE rt.id = $network OR EXISTS { (rt)-[:PART_OF*1..3]->(:Route {id: $network}) }
MATCH (a:Actor)-[r:TRANSIT_LEG]->(b:Actor)
WHERE r.route = rt.id
RETURN a AS origin, r AS leg, b AS destination
ORDER BY r.route, r.order
