// name: source-says
// description: What one document attests: every tie (in any period) that cites
//   $doc among its sources, optionally only the ties of actor $id, with the
//   sections and evidence of that document's citations (one "section: evidence"
//   entry each; a tie may cite it more than once). Ordered by from end, type,
//   then to end.
// param: doc document eucam-watch-11 "the document's id"
// param: id actor null "only ties of this actor; leave out for all"
MATCH (a:Actor)-[r]->(b:Actor)
WHERE $doc IN r.source_doc
  AND ($id IS NULL OR a.id = $id OR b.id = $id)
RETURN a.id AS from_actor,
       coalesce(a.short, a.name) AS from_name,
       type(r) AS type,
       b.id AS to_actor,
       coalesce(b.short, b.name) AS to_name,
       reduce(s = '', x IN [k IN ['role', 'status', 'cycle', 'route', 'order', 'mode', 'what', 'where', 'form', 'format', 'subject', 'field', 'for'] WHERE r[k] IS NOT NULL | k + '=' + toString(r[k])] | s + CASE s WHEN '' THEN '' ELSE ', ' END + x) AS attributes,
       left(toString(r.since), CASE r.since_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS since,
       left(toString(r.until), CASE r.until_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS until,
       [i IN range(0, size(r.source_doc) - 1) WHERE r.source_doc[i] = $doc | r.source_section[i] + ': ' + r.source_evidence[i]] AS evidence
ORDER BY from_actor, type, to_actor
