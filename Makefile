# carecast: set-up is two commands on a machine with Go (and npm, for the
# charts' ECharts, fetched by name from the npm registry with a lockfile):
#   make demo   forecast the built-in scenario and say where the outputs are
#   make test   gofmt, go vet and every test
#   make check  the fast loop: gofmt, go vet, staticcheck and the tests that
#               need no browser or office suite (go test -short)
GO      ?= go
BIN     := bin/carecast
OUT     ?= carecast-out
ECHARTS := charts/assets/echarts.min.js

.PHONY: all build demo test check vet lint deps-check fmt-check golden assets bench fuzz clean version

all: build

# ECharts is not committed: npm installs the pinned version from
# charts/web/package-lock.json and the file is embedded into the binary.
assets: $(ECHARTS)
$(ECHARTS): charts/web/package.json charts/web/package-lock.json
	npm ci --prefix charts/web --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $@)
	cp charts/web/node_modules/echarts/dist/echarts.min.js $@

# The git revision goes into the binary for 'carecast --version' (Go records
# it itself only outside linked worktrees and when -buildvcs is not false).
# The release is the latest tag vMAJOR.MINOR.PATCH as git describe puts it
# (v1.2.0, or v1.2.0-3-g0123abcd three commits on; -dirty with changes).
VERSION  := $(shell git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null)
REVISION := $(shell git rev-parse HEAD 2>/dev/null)
MODIFIED := $(shell git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo true)
LDFLAGS  := -X main.linkVersion=$(VERSION) -X main.linkRevision=$(REVISION) -X main.linkModified=$(MODIFIED)

build: assets
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/carecast

# version prints the release 'make build' stamps into the binary.
version:
	@echo '$(VERSION)'

demo: build
	./$(BIN) forecast --out $(OUT)
	@echo
	@echo "Outputs are in $(OUT)/ (forecast.xlsx, charts.html). Try: ./$(BIN) --help"

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet: assets
	$(GO) vet ./...

# staticcheck is pinned in go.mod (the tool directive): go tool runs that
# version, built from the module cache.
lint: assets deps-check
	$(GO) tool staticcheck ./...

# The output packages are split by what they depend on: no package imports
# both excelize and chromedp, or excelize and html/template.
deps-check:
	@$(GO) list -f '{{.ImportPath}} {{join .Imports " "}}' ./... | awk '\
	  / github.com\/xuri\/excelize\/v2( |$$)/ && (/ github.com\/chromedp\/chromedp( |$$)/ || / html\/template( |$$)/) \
	  { print "deps-check: " $$1 " imports excelize with chromedp or html/template"; bad = 1 } \
	  END { exit bad }'

test: assets fmt-check vet lint
	$(GO) test -count=1 -timeout 30m ./...

# The fast loop for every small step: no Chromium, LibreOffice, poppler or
# hledger (their tests skip under -short; internal/testtools).
check: assets fmt-check vet lint
	$(GO) test -short -count=1 -timeout 10m ./...

# Rewrite every golden file (the packages whose tests use internal/golden);
# review the diff of testdata/ before committing it.
golden: assets
	$(GO) test -count=1 $$($(GO) list -f '{{range .TestImports}}{{if eq . "github.com/carecast/carecast/internal/golden"}}{{$$.ImportPath}}{{end}}{{end}}' ./...) -run Golden -update

bench: assets
	$(GO) test -run '^$$' -bench . -benchmem ./...

# A short, bounded run of each fuzz target (the seeds run in every go test).
# FUZZTIME is a duration (10s) or a number of runs (100000x), for the
# parsers and the CSV reader; FUZZTIME_PIPELINE is the pipeline's, whose
# runs are slower (about 100 a second). .ci/run gives numbers of runs: a
# duration's end can fail a target with a bare "context deadline exceeded"
# on a busy machine, a race in Go 1.26's fuzzing (golang/go#75804, fixed
# in Go 1.27), not a failing input.
FUZZTIME ?= 10s
FUZZTIME_PIPELINE ?= $(FUZZTIME)
FUZZ_INPUTS := FuzzParseAmount FuzzParseRate FuzzParseDate FuzzDateFromSerial FuzzReadCSV
fuzz: assets
	@for f in $(FUZZ_INPUTS); do \
	  echo "fuzz $$f for $(FUZZTIME)"; \
	  $(GO) test ./inputs -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) || exit 1; \
	done
	@echo "fuzz FuzzPipeline for $(FUZZTIME_PIPELINE)"
	$(GO) test ./forecast -run '^$$' -fuzz '^FuzzPipeline$$' -fuzztime $(FUZZTIME_PIPELINE) -parallel 1

clean:
	rm -rf bin $(OUT) charts/assets/echarts.min.js charts/web/node_modules
