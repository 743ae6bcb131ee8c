# The two commands that matter: `make build` builds the sample catalog's tool,
# `make test` runs every test. See README.md.
GO ?= go
BIN := bin/catalog

.PHONY: build test lint bench fuzz validate clean

build:
	$(GO) build -o $(BIN) ./cmd/catalog

test:
	$(GO) test ./...

lint:
	@test -z "$$(gofmt -l . | grep -v '^testdata/')" || (gofmt -l . | grep -v '^testdata/'; echo 'gofmt: the files above need formatting'; exit 1)
	$(GO) vet ./...

# Benchmarks over a generated catalog (10,000 practices for validate).
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./internal/check/

# A short fuzzing run of every parser (CI runs these too).
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzSplit -fuzztime 20s ./internal/frontmatter/
	$(GO) test -run '^$$' -fuzz FuzzPractice -fuzztime 20s ./internal/check/

validate:
	$(GO) run ./cmd/catalog validate

clean:
	rm -rf bin public
