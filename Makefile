# Armistice — the two commands that matter: `make run` and `make test`.
# Both find or start a PostgreSQL (scripts/postgres.sh says what it did).

SHELL := /bin/bash
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: drill run test build migrate manifest generate lint clean bench bench-digest

## run: the bot in sandbox mode (no Slack tokens: open the page it logs, http://localhost:8080/) or against Slack, with a local Postgres
run:
	@eval "$$(scripts/postgres.sh run)" && $(GO) run ./cmd/armistice serve

## test: the whole suite with the race detector, against a real Postgres
test:
	@command -v gcc >/dev/null || { echo "test: the race detector needs gcc (apt-get install gcc)"; exit 1; }
	@eval "$$(scripts/postgres.sh test)" && $(GO) vet ./... && CGO_ENABLED=1 $(GO) test -race -count=1 -timeout 20m ./...

## drill: the fault drills (kill -9 during a burst, …), slower than the suite
drill:
	@set -o pipefail; eval "$$(scripts/postgres.sh test)" && CGO_ENABLED=1 $(GO) test -race -count=1 -tags drill -run Drill -timeout 20m -v ./cmd/armistice/ 2>&1 | grep -E '^(=== RUN|--- |PASS|FAIL|ok)|drill_test'

## build: a static binary in bin/armistice
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/armistice ./cmd/armistice

## migrate: apply the migrations to DATABASE_URL (or the local Postgres)
migrate:
	@eval "$$(scripts/postgres.sh run)" && $(GO) run ./cmd/armistice migrate

## manifest: print the Slack app manifest
manifest:
	@$(GO) run ./cmd/armistice manifest

## generate: regenerate storage/internal/dbsqlc from storage/queries (needs sqlc)
generate:
	cd storage && $(GO) run github.com/sqlc-dev/sqlc/cmd/sqlc@v1.31.1 generate

## bench: intake throughput and latency against pgbench's ceiling, and peak RSS (one table)
bench:
	@scripts/bench.sh

## bench-digest: compose the daily digest over 1,000,000 leads (seeding takes a minute)
bench-digest:
	@eval "$$(scripts/postgres.sh test)" && $(GO) test -run '^$$' -bench ComposeDigestOverAMillionLeads -benchtime 20x ./handlers/

## lint: gofmt, go vet and staticcheck
lint:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@latest ./...

clean:
	rm -rf bin
