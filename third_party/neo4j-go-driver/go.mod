module github.com/neo4j/neo4j-go-driver/v5

go 1.18
