// name: multi-sphere
// description: States inside $min or more of the NATO, CSTO and SCO spheres on
//   $at, by relmap's sphere rule (graph/spheres.go, as relmap compare): inside
//   with a MEMBER_OF tie in force as member, or, for NATO, an active
//   PARTICIPATES_IN or a HAS_IPAP tie in force to a rung of its ladder (pfp,
//   ipcp, parp, ipap); a suspension in force overrides everything. Observers,
//   dialogue partners and partners are associated, not inside, and listed in
//   the column associated. One row per state with a column per sphere;
//   ordered by number of spheres, most first, then state id.
// param: at date today "the day asked about"
// param: min int 2 "the least number of spheres a state must be in"
// param: region string null "only states of this region, e.g. central-asia; leave out for all"
// time: yes
MATCH (s:State)
WHERE $region IS NULL OR s.region = $region
WITH s,
     [(s)-[r:MEMBER_OF]->(o:Organisation)
        WHERE o.id IN ['nato', 'csto', 'sco'] AND r.role = 'member'
          AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
        | o.id] +
     [(s)-[r:PARTICIPATES_IN|HAS_IPAP]->(p:Programme)
        WHERE p.id IN ['pfp', 'ipcp', 'parp', 'ipap']
          AND (type(r) = 'HAS_IPAP' OR r.status = 'active')
          AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
        | 'nato'] AS found,
     [(s)-[r:MEMBER_OF]->(o:Organisation)
        WHERE o.id IN ['nato', 'csto', 'sco'] AND r.role IN ['observer', 'dialogue_partner', 'partner']
          AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
        | o.id] AS near,
     [(s)-[r:MEMBER_OF]->(o:Organisation)
        WHERE r.role = 'suspended'
          AND ((r.since IS NULL OR r.since <= $at) AND (r.until IS NULL OR $at < r.until))
        | o.id] AS suspended
WITH s,
     [o IN ['nato', 'csto', 'sco'] WHERE o IN found AND NOT o IN suspended] AS spheres,
     [o IN ['nato', 'csto', 'sco'] WHERE o IN near AND NOT o IN found AND NOT o IN suspended] AS associated
WHERE size(spheres) >= $min
RETURN s.id AS state,
       coalesce(s.short, s.name) AS state_name,
       size(spheres) AS spheres,
       'nato' IN spheres AS nato,
       'csto' IN spheres AS csto,
       'sco' IN spheres AS sco,
       associated
ORDER BY spheres DESC, state
