package graph

// How the domain is laid out in Neo4j. Queries shipped with relmap, the loader
// and the renderer all use these names.
//
//	(:Actor:<Kind label> {id, kind, name, short, aliases, region, note, dataset,
//	                      source_doc, source_section, source_evidence, sources,
//	                      lat, lon, coord_sources})
//	()-[:<RelType> {key, dataset, since, since_precision, until, until_precision,
//	                note, <attributes>, source_doc, source_section, source_evidence,
//	                source_checked, sources, attested, attested_precision}]->()
//	(:Document {id, title, publisher, published, url, kind, note, dataset})
//	(:Dataset {name, hash})
//
// since and until are Neo4j DATE values holding the first day of their period
// (see Date); *_precision says which part was known. The attribute "order" of
// transit legs is an integer; other attributes are strings. source_doc,
// source_section and source_evidence are parallel lists, one entry per
// citation; source_checked is parallel to them too ("" where a citation names
// no checked date); sources holds the same citations rendered for reading.
// attested is a Neo4j DATE holding the LAST day the tie's sources speak for
// (see the attestation rule in attest.go), attested_precision which part of
// it was known; both are absent when no source dates the tie. lat and lon
// are an actor's map coordinates (floats, WGS 84 degrees), present only
// together; coord_sources cites them, one "doc | section | evidence |
// checked" entry per citation.
const (
	LabelDocument = "Document"
	LabelDataset  = "Dataset"

	PropID       = "id"
	PropKey      = "key"
	PropDataset  = "dataset"
	PropKind     = "kind"
	PropName     = "name"
	PropShort    = "short"
	PropAliases  = "aliases"
	PropRegion   = "region"
	PropNote     = "note"
	PropSince    = "since"
	PropSincePr  = "since_precision"
	PropUntil    = "until"
	PropUntilPr  = "until_precision"
	PropSrcDoc   = "source_doc"
	PropSrcSect  = "source_section"
	PropSrcEvid  = "source_evidence"
	PropSrcCheck = "source_checked"
	PropAttested = "attested"
	PropAttestPr = "attested_precision"
	PropSources  = "sources"
	PropHash     = "hash"
	PropTypeName = "type" // the seed-file name of a tie's type, e.g. member_of
	PropLat      = "lat"
	PropLon      = "lon"
	PropCoordSrc = "coord_sources"
)
