module github.com/relmap/relmap

go 1.26.8

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/goccy/go-graphviz v0.2.10
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4
	github.com/spf13/cobra v1.10.2
	golang.org/x/image v0.41.0
	golang.org/x/text v0.37.0
	gonum.org/v1/gonum v0.17.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/disintegration/imaging v1.6.2 // indirect
	github.com/flopp/go-findfont v0.1.0 // indirect
	github.com/fogleman/gg v1.3.0 // indirect
	github.com/golang/freetype v0.0.0-20170609003504-e2365dfdc4a0 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
	github.com/tetratelabs/wazero v1.10.1 // indirect
)

replace github.com/goccy/go-graphviz => ./third_party/go-graphviz

replace github.com/neo4j/neo4j-go-driver/v5 => ./third_party/neo4j-go-driver
