# The README's commands: `make run` (the main job) and `make test` (every test), plus build and bench.
BUILD      ?= build
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_GEN  := -G Ninja

.PHONY: all deps build alsf-deps jsonata-peer-deps parquet-writer-deps fuzz-build test run bench bench-peer clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/build.ninja alsf-deps
	cmake --build $(BUILD) -j $(JOBS)

# aws-local-stepfunctions (the alsf target and the benchmark peer), exactly as locked; npm ci runs
# again only when the lock file changes. --ignore-scripts: nothing it needs runs at install time.
ALSF_DIR := harness/targets/alsf
alsf-deps: $(ALSF_DIR)/node_modules/.package-lock.json
$(ALSF_DIR)/node_modules/.package-lock.json: $(ALSF_DIR)/package-lock.json $(ALSF_DIR)/package.json | deps
	@command -v npm >/dev/null 2>&1 || { echo "alsf-deps: npm is missing (scripts/install-deps.sh installs nodejs and npm)" >&2; exit 2; }
	cd $(ALSF_DIR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# jsonata-js 2.0.6, exactly as locked: the peer of the JSONata differential test
# (tests/jsonata/differential_test.cpp) and of bench/jsonata_compare.sh.
JSONATA_PEER_DIR := bench/jsonata-peer
jsonata-peer-deps: $(JSONATA_PEER_DIR)/node_modules/.package-lock.json
$(JSONATA_PEER_DIR)/node_modules/.package-lock.json: $(JSONATA_PEER_DIR)/package-lock.json $(JSONATA_PEER_DIR)/package.json | deps
	@command -v npm >/dev/null 2>&1 || { echo "jsonata-peer-deps: npm is missing (scripts/install-deps.sh installs nodejs and npm)" >&2; exit 2; }
	cd $(JSONATA_PEER_DIR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# @dsnp/parquetjs and hyparquet-writer, exactly as locked: two independent Parquet writers whose
# files the PARQUET ItemReader is tested on (tests/exec/parquet_reader_test.cpp runs write.mjs).
PARQUET_WRITER_DIR := tests/parquet-writer
parquet-writer-deps: $(PARQUET_WRITER_DIR)/node_modules/.package-lock.json
$(PARQUET_WRITER_DIR)/node_modules/.package-lock.json: $(PARQUET_WRITER_DIR)/package-lock.json $(PARQUET_WRITER_DIR)/package.json | deps
	@command -v npm >/dev/null 2>&1 || { echo "parquet-writer-deps: npm is missing (scripts/install-deps.sh installs nodejs and npm)" >&2; exit 2; }
	cd $(PARQUET_WRITER_DIR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# libFuzzer targets need clang; without it the smoke tests report a skip.
fuzz-build: deps
	@if command -v clang++ >/dev/null 2>&1; then \
	  cmake -S . -B $(FUZZ_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DCMAKE_CXX_COMPILER=clang++ -DASLCHECK_FUZZ=ON && \
	  cmake --build $(FUZZ_BUILD) -j $(JOBS); \
	else echo "fuzz-build: clang++ not found, fuzz smoke tests will be skipped"; fi

test: build fuzz-build jsonata-peer-deps parquet-writer-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The nightly conformance run: RUN_CASES generated cases (seed RUN_SEED) plus the corpus against
# aws-local-stepfunctions, with its known divergences; writes $(RUN_OUT)/results.jsonl, junit.xml
# and report.html. Exit 0: nothing new; 1: a new divergence (or a stale expectation); 3: target errors.
RUN_OUT   ?= out
RUN_CASES ?= 1000
RUN_SEED  ?= 1
RUN_JOBS  ?= 2
# Generator weights set to 0 for what aws-local-stepfunctions 3.0.0 does not implement (variables/
# Assign, JSONata, distributed-Map item I/O, .waitForTaskToken callbacks): it would skip those cases,
# so without this most generated cases would be skipped instead of compared.
RUN_SETTINGS ?= --set variables=0 --set jsonata=0 --set distributed_map=0 --set callback=0
run: build
	rm -rf $(RUN_OUT)
	./$(BUILD)/aslcheck run --target alsf --cases $(RUN_CASES) --seed $(RUN_SEED) $(RUN_SETTINGS) \
	  --corpus corpus/cases --corpus corpus/regressions \
	  --expectations corpus/expectations/alsf.json --jobs $(RUN_JOBS) --out $(RUN_OUT)

bench: build
	./$(BUILD)/bench/aslcheck_bench --benchmark_min_time=0.2
	@$(MAKE) --no-print-directory bench-peer

# The oracle against aws-local-stepfunctions (npm ci from harness/targets/alsf/package-lock.json) in the same
# run; needs node and npm, says so and fails without them. Not part of `make test`: it takes minutes.
# BENCH_PEER_ARGS passes settings through, e.g. BENCH_PEER_ARGS="--seconds 2 --rounds 1".
bench-peer: build
	bench/compare.sh --oracle $(BUILD)/aslcheck $(BENCH_PEER_ARGS)

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD)
