// name: partnership-depth
// description: Each state of a region (Central Asia by default) with its deepest
//   NATO partnership level on $at. The ladder runs PfP, IPCP, PARP, IPAP
//   (graph.NATOLadder), level 1 to 4; a state is on a rung when it has an
//   active PARTICIPATES_IN tie (status active; interested and declined do not
//   count) or a HAS_IPAP tie to that programme in force at $at. States on no
//   rung are listed with level 0 and deepest none. programmes lists every rung
//   held, deepest first; sources, attested and confirmed are those of the
//   deepest rung's tie (attested: how far its sources reach; confirmed: whether
//   one speaks for it on $at, graph.ConfirmedAtCypher). Ordered by level,
//   deepest first, then state id.
// param: at date today "the day asked about"
// param: region string central-asia "the region whose states are listed"
// param: ladder list ["pfp","ipcp","parp","ipap"] "programme ids, shallowest first"
// time: yes
MATCH (s:State {region: $region})
OPTIONAL MATCH (s)-[r:PARTICIPATES_IN|HAS_IPAP]->(p:Programme)
WHERE p.id IN $ladder
  AND (type(r) = 'HAS_IPAP' OR r.status = 'active')
  AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
WITH s, p, r, [i IN range(0, size($ladder) - 1) WHERE $ladder[i] = p.id][0] + 1 AS level
ORDER BY level DESC
WITH s, [h IN collect({level: level, programme: coalesce(p.short, p.name), sources: r.sources,
  attested: left(toString(r.attested), CASE r.attested_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END),
  confirmed: (((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until)) AND r.attested IS NOT NULL AND $at <= r.attested)}) WHERE h.level IS NOT NULL] AS held
RETURN s.id AS state,
       coalesce(s.short, s.name) AS state_name,
       coalesce(held[0].level, 0) AS level,
       coalesce(held[0].programme, 'none') AS deepest,
       reduce(acc = [], h IN held | CASE WHEN h.programme IN acc THEN acc ELSE acc + h.programme END) AS programmes,
       held[0].attested AS attested,
       held[0].confirmed AS confirmed,
       held[0].sources AS sources
ORDER BY level DESC, state
