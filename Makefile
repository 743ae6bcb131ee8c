# The two commands that matter: `make site` builds the sample catalog's site
# into public/, `make test` runs every test. See README.md.
GO ?= go
BIN := bin/catalog

.PHONY: build site test lint bench compare fuzz validate dist clean

build:
	$(GO) build -o $(BIN) ./cmd/catalog

site:
	$(GO) run ./cmd/catalog build

test:
	$(GO) test ./...

lint:
	@test -z "$$(gofmt -l . | grep -v '^testdata/')" || (gofmt -l . | grep -v '^testdata/'; echo 'gofmt: the files above need formatting'; exit 1)
	$(GO) vet ./...

# Benchmarks over generated catalogs of 1,000 and 10,000 practices: validate,
# rendering the site, the PDF books (one language, and both as build draws
# them; MB-sys is the memory the process took from the system), and serve's
# time from a save to the reload. BenchmarkDeepest: the worst bodies that
# validate accepts, at doubling sizes, through the site's render, the
# book's and the checks' parse (time per byte must not grow).
bench:
	$(GO) test -run '^$$' -bench Deepest -benchtime 10x ./internal/markdown/ ./internal/layout/
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./internal/check/
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x ./internal/site/
	$(GO) test -run '^$$' -bench BenchmarkBook -benchmem -benchtime 1x ./internal/book/
	$(GO) test -run '^$$' -bench EditToReload -benchtime 10x ./internal/serve/
	$(MAKE) compare

# The site build side by side with Hugo on the same generated content, and
# with goldmark alone (bench/compare.sh; SIZES and RUNS pick the catalogs).
compare:
	bash bench/compare.sh

# A short fuzzing run of every parser (CI runs these too). Counts of
# executions, not durations: see .ci/run.
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzSplit -fuzztime 300000x ./internal/frontmatter/
	$(GO) test -run '^$$' -fuzz FuzzSimpleYAML -fuzztime 200000x ./internal/frontmatter/
	$(GO) test -run '^$$' -fuzz FuzzHasSeparator -fuzztime 300000x ./internal/frontmatter/
	$(GO) test -run '^$$' -fuzz FuzzPractice -fuzztime 6000x ./internal/check/
	$(GO) test -run '^$$' -fuzz FuzzQuiet -fuzztime 1600x ./internal/check/
	$(GO) test -run '^$$' -fuzz FuzzParseURL -fuzztime 300000x ./internal/check/
	$(GO) test -run '^$$' -fuzz FuzzRender -fuzztime 40000x ./internal/markdown/
	$(GO) test -run '^$$' -fuzz FuzzWithoutHTML -fuzztime 40000x ./internal/markdown/
	$(GO) test -run '^$$' -fuzz FuzzNesting -fuzztime 150000x ./internal/markdown/
	$(GO) test -run '^$$' -fuzz FuzzBody -fuzztime 1000x ./internal/book/
	$(GO) test -run '^$$' -fuzz FuzzText -fuzztime 50000x ./internal/pdfdraw/
	$(GO) test -run '^$$' -fuzz FuzzRelative -fuzztime 100000x ./internal/site/
	$(GO) test -run '^$$' -fuzz FuzzSearchStems -fuzztime 100000x ./internal/site/
	$(GO) test -run '^$$' -fuzz FuzzPrinters -fuzztime 100000x ./internal/diag/
	$(GO) test -run '^$$' -fuzz FuzzMessages -fuzztime 50000x ./internal/lsp/
	$(GO) test -run '^$$' -fuzz FuzzSpot -fuzztime 100000x ./internal/lsp/
	$(GO) test -run '^$$' -fuzz FuzzCanonical -fuzztime 100000x ./internal/country/
	$(GO) test -run '^$$' -fuzz FuzzLower -fuzztime 20000x ./internal/layout/
	$(GO) test -run '^$$' -fuzz FuzzSubset -fuzztime 2000x ./internal/pdfdraw/

validate:
	$(GO) run ./cmd/catalog validate

# The release archives: catalog_VERSION_OS_ARCH.tar.gz (.zip for Windows)
# for linux, darwin and windows on amd64 and arm64, and SHA256SUMS, into
# dist/. VERSION is CHANGELOG.md's first heading; the files are dated
# SOURCE_DATE_EPOCH, else the last commit's time: two runs on one commit,
# with one Go, give the same bytes (tools/dist).
dist:
	$(GO) run ./tools/dist -out dist

clean:
	rm -rf bin public dist
