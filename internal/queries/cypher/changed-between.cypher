// name: changed-between
// description: Ties that began or ended after $from and up to and including $to:
//   a change is a since or until date D with from < D <= to, so the rows are
//   exactly what makes the graph on $to differ from the graph on $from under
//   the time rule. One row per change (a tie that began and ended in the window
//   gives two), with began or ended, the date as precise as it is known, the
//   tie and its sources; ordered by date, then type and ends. $id narrows to the
//   ties of one actor.
// param: from date "the earlier day"
// param: to date today "the later day"
// param: id actor null "only ties of this actor; leave out for all"
MATCH (a:Actor)-[r]->(b:Actor)
WHERE ($id IS NULL OR a.id = $id OR b.id = $id)
  AND ((r.since > $from AND r.since <= $to) OR (r.until > $from AND r.until <= $to))
UNWIND [['began', r.since, r.since_precision], ['ended', r.until, r.until_precision]] AS c
WITH a, r, b, c[0] AS change, c[1] AS day, c[2] AS precision
WHERE day > $from AND day <= $to
RETURN left(toString(day), CASE precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS date,
       change,
       type(r) AS type,
       a.id AS from_actor,
       coalesce(a.short, a.name) AS from_name,
       b.id AS to_actor,
       coalesce(b.short, b.name) AS to_name,
       reduce(s = '', x IN [k IN ['role', 'status', 'cycle', 'route', 'order', 'mode', 'what', 'where', 'form', 'format', 'subject', 'field', 'for'] WHERE r[k] IS NOT NULL | k + '=' + toString(r[k])] | s + CASE s WHEN '' THEN '' ELSE ', ' END + x) AS attributes,
       r.sources AS sources
ORDER BY day, type, from_actor, to_actor, change
