// Package itest holds the integration tests: they run against a real Neo4j,
// the one NEO4J_URI names or the local database in RELMAP_DATA (make test
// starts a throwaway one). They share one database, so they live in this one
// package and never run in parallel.
package itest
