// name: view-ladder
// description: For drawing: NATO's partnership ladder in a region on $at. Every
//   PARTICIPATES_IN (any status: the tie's status says which) and HAS_IPAP tie in
//   force from a state of $region to a programme of $ladder, and the PART_OF
//   ties among those programmes as recorded, so the rungs appear connected.
// param: at date today "the day asked about"
// param: region string central-asia "the region whose states are drawn"
// param: ladder list ["pfp","ipcp","parp","ipap"] "programme ids, shallowest first"
// time: yes
MATCH p = (:State {region: $region})-[r:PARTICIPATES_IN|HAS_IPAP]->(prog:Programme)
WHERE prog.id IN $ladder
  AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
RETURN p
UNION
MATCH p = (a:Programme)-[:PART_OF]->(b:Programme)
WHERE a.id IN $ladder AND b.id IN $ladder
RETURN p
