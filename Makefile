# relmap — see README.md. `make demo` runs the main job end to end, `make test` the tests.

GO      ?= go
BIN     := bin/relmap
OUT     := out
RELMAP  := $(CURDIR)/$(BIN)
# The demo's date for the early-2012 picture the source document describes.
SOURCE_DATE := 2012-02-01
# relmap needs no C: a static binary starts about a millisecond sooner than
# one linked against libc, which counts in a short `relmap query`.
CGO_ENABLED ?= 0

.PHONY: all build demo outlines test unit bench bench-load bench-query bench-render bench-explore fuzz clean db-start db-stop deps-ci deps-py cross

all: build

# The VCS revision goes into the build information that `relmap version`
# prints, even where GOFLAGS turns it off; outside a checkout there is none.
BUILDVCS := $(shell git rev-parse --is-inside-work-tree >/dev/null 2>&1 && echo true || echo false)

build:
	CGO_ENABLED=$(CGO_ENABLED) $(GO) build -buildvcs=$(BUILDVCS) -o $(BIN) ./cmd/relmap

# The main job: a local Neo4j unless NEO4J_URI names another, the built-in dataset
# loaded, one question answered, the views drawn and the spheres compared in out/.
demo: build
	@mkdir -p $(OUT)
	@if [ -z "$$NEO4J_URI" ]; then $(RELMAP) db start --port 0; fi
	$(RELMAP) load
	$(RELMAP) query --format table --named partnership-depth --param at=$(SOURCE_DATE)
	$(RELMAP) render --view sphere --param org=nato --at $(SOURCE_DATE) -o $(OUT)/sphere-nato.svg
	$(RELMAP) render --view sphere --param org=csto --at $(SOURCE_DATE) -o $(OUT)/sphere-csto.svg
	$(RELMAP) render --view sphere --param org=sco --at $(SOURCE_DATE) -o $(OUT)/sphere-sco.svg
	$(RELMAP) render --view ndn -o $(OUT)/ndn.svg
	$(RELMAP) render --view map -o $(OUT)/map.svg
	$(RELMAP) render --view ladder --at $(SOURCE_DATE) -o $(OUT)/ladder.svg
	$(RELMAP) render --view neighbourhood --param id=kazakhstan --at $(SOURCE_DATE) -o $(OUT)/kazakhstan.svg
	$(RELMAP) compare --at $(SOURCE_DATE) --format markdown > $(OUT)/compare-$(SOURCE_DATE).md
	$(RELMAP) compare --at $(SOURCE_DATE) -o $(OUT)/compare-$(SOURCE_DATE).svg
	$(RELMAP) compare --format markdown > $(OUT)/compare-today.md
	$(RELMAP) compare --from $(SOURCE_DATE) --to today --format markdown > $(OUT)/compare-changes.md
	$(RELMAP) report --at $(SOURCE_DATE) -o $(OUT)/report.html
	$(RELMAP) report --at $(SOURCE_DATE) -o $(OUT)/report.pdf
	$(RELMAP) timeline -o $(OUT)/timeline.svg
	$(RELMAP) timeline -o $(OUT)/timeline.csv
	$(RELMAP) export --format gexf -o $(OUT)/relmap.gexf
	$(RELMAP) analyse --at $(SOURCE_DATE) --format csv > $(OUT)/analyse-$(SOURCE_DATE).csv
	$(RELMAP) explore -o $(OUT)/explore.html
	$(RELMAP) fingerprint
	@echo "Wrote:" && ls -1 $(OUT)

# The country outlines beneath maps, rebuilt from Natural Earth (internal/geo/OUTLINES.md).
outlines:
	$(GO) generate ./internal/geo/

# Unit tests need nothing; integration tests (internal/itest) need a real Neo4j:
# the one NEO4J_URI names, or a throwaway local one started and stopped here.
# Under CI=true an unreachable database fails the integration tests.
test: build cross
	@if [ -n "$$NEO4J_URI" ]; then \
		RELMAP_REQUIRE_DB=1 $(GO) test -count=1 -timeout 40m ./... ; \
	else \
		$(RELMAP) db exec -- env RELMAP_REQUIRE_DB=1 $(GO) test -count=1 -timeout 40m ./... ; \
	fi

unit:
	$(GO) test -count=1 ./...

# relmap must keep building where its users are: the local database's
# process handling has a Unix and a Windows side (internal/localdb).
cross:
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/relmap
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/relmap
	GOOS=windows GOARCH=amd64 $(GO) vet ./internal/localdb/
	GOOS=darwin GOARCH=arm64 $(GO) vet ./internal/localdb/

bench: bench-render bench-load bench-query bench-explore

# The explorer page in headless Chromium (Performance API): first render and
# slider steps on the built-in data and a synthetic 1,000-actor/2,000-tie graph.
bench-explore:
	$(GO) test -run '^$$' -bench Explorer -benchtime 1x -count 3 -timeout 30m ./internal/explore/

bench-render: build
	$(GO) test -run '^$$' -bench . -benchtime 3x ./internal/render/
	@if [ -n "$$NEO4J_URI" ]; then RELMAP_BENCH=1 $(GO) test -run '^$$' -bench RenderViews -benchtime 1x -timeout 30m ./internal/itest/ ; \
	else $(RELMAP) db exec -- env RELMAP_BENCH=1 $(GO) test -run '^$$' -bench RenderViews -benchtime 1x -timeout 30m ./internal/itest/ ; fi

bench-load: build
	@if [ -n "$$NEO4J_URI" ]; then RELMAP_BENCH=1 $(GO) test -run '^$$' -bench Load -benchtime 1x -v -timeout 60m ./internal/itest/ ; \
	else $(RELMAP) db exec -- env RELMAP_BENCH=1 $(GO) test -run '^$$' -bench Load -benchtime 1x -v -timeout 60m ./internal/itest/ ; fi

bench-query: build
	@if [ -n "$$NEO4J_URI" ]; then RELMAP_BENCH=1 $(GO) test -run '^$$' -bench Query -benchtime 1x -timeout 30m ./internal/itest/ ; \
	else $(RELMAP) db exec -- env RELMAP_BENCH=1 $(GO) test -run '^$$' -bench Query -benchtime 1x -timeout 30m ./internal/itest/ ; fi

FUZZTIME ?= 60s
fuzz:
	@for pkg in $$(grep -rl --include='*_test.go' '^func Fuzz' internal graph | xargs -n1 dirname | sort -u | sed 's|^|./|'); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

db-start: build
	$(RELMAP) db start
db-stop: build
	$(RELMAP) db stop

# What a fresh CI machine lacks for the browser, native-Graphviz and NetworkX checks.
deps-ci: deps-py
	@command -v chromium >/dev/null && command -v dot >/dev/null && command -v pdfinfo >/dev/null || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium graphviz poppler-utils >/dev/null; }

deps-py:
	@python3 -c 'import networkx' 2>/dev/null || python3 -m pip install --quiet networkx

clean:
	rm -rf bin $(OUT)
