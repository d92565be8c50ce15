// name: sources-list
// description: The documents the dataset cites, each with the number of ties and
//   actors citing it and its total number of citations (a tie citing a document
//   for two sections counts once as a tie and twice as citations). Documents
//   nothing cites are listed with zeros. Ordered by citations, most first, then
//   id.
MATCH (d:Document)
OPTIONAL MATCH (:Actor)-[r]->(:Actor)
WHERE d.id IN r.source_doc
WITH d, count(r) AS ties, sum(size([x IN r.source_doc WHERE x = d.id])) AS tie_citations
OPTIONAL MATCH (a:Actor)
WHERE d.id IN a.source_doc
WITH d, ties, tie_citations, count(a) AS actors, sum(size([x IN a.source_doc WHERE x = d.id])) AS actor_citations
RETURN d.id AS doc,
       d.title AS title,
       d.publisher AS publisher,
       d.published AS published,
       d.kind AS kind,
       ties,
       actors,
       tie_citations + actor_citations AS citations
ORDER BY citations DESC, doc
