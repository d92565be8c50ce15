// name: multi-sphere
// description: States inside $min or more of the NATO, CSTO and SCO spheres on
//   $at. A state is in the CSTO or SCO sphere with a MEMBER_OF tie in force as
//   member, observer, dialogue_partner or partner (suspended does not count); in
//   NATO's with such a tie to NATO or an active PARTICIPATES_IN or a HAS_IPAP tie
//   in force to one of NATO's programmes pfp, ipcp, parp, ipap. This is the rule
//   of relmap compare. One row per state with a column per sphere; ordered by
//   number of spheres, most first, then state id.
// param: at date today "the day asked about"
// param: min int 2 "the least number of spheres a state must be in"
// param: region string null "only states of this region, e.g. central-asia; leave out for all"
// time: yes
MATCH (s:State)
WHERE $region IS NULL OR s.region = $region
WITH s,
     [(s)-[r:MEMBER_OF]->(o:Organisation)
        WHERE o.id IN ['nato', 'csto', 'sco']
          AND r.role IN ['member', 'observer', 'dialogue_partner', 'partner']
          AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
        | o.id] +
     [(s)-[r:PARTICIPATES_IN|HAS_IPAP]->(p:Programme)
        WHERE p.id IN ['pfp', 'ipcp', 'parp', 'ipap']
          AND (type(r) = 'HAS_IPAP' OR r.status = 'active')
          AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
        | 'nato'] AS found
WITH s, [o IN ['nato', 'csto', 'sco'] WHERE o IN found] AS spheres
WHERE size(spheres) >= $min
RETURN s.id AS state,
       coalesce(s.short, s.name) AS state_name,
       size(spheres) AS spheres,
       'nato' IN spheres AS nato,
       'csto' IN spheres AS csto,
       'sco' IN spheres AS sco
ORDER BY spheres DESC, state
