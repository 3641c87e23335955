# The README's commands: `make run` (the main job) and `make test` (every test), plus build and bench.
BUILD      ?= build
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_GEN  := -G Ninja

.PHONY: all deps build fuzz-build test run bench bench-peer clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# libFuzzer targets need clang; without it the smoke tests report a skip.
fuzz-build: deps
	@if command -v clang++ >/dev/null 2>&1; then \
	  cmake -S . -B $(FUZZ_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DCMAKE_CXX_COMPILER=clang++ -DASLCHECK_FUZZ=ON && \
	  cmake --build $(FUZZ_BUILD) -j $(JOBS); \
	else echo "fuzz-build: clang++ not found, fuzz smoke tests will be skipped"; fi

test: build fuzz-build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

run: build
	./$(BUILD)/aslcheck eval --intrinsic "$$(cat examples/greeting.intrinsic)" --input @examples/order.json
	./$(BUILD)/aslcheck eval --jsonpath '$$.items[?(@.price > 10)].name' --input @examples/order.json

bench: build
	./$(BUILD)/bench/aslcheck_bench --benchmark_min_time=0.2
	@$(MAKE) --no-print-directory bench-peer

# The oracle against aws-local-stepfunctions (npm ci from bench/alsf/package-lock.json) in the same
# run; needs node and npm, says so and fails without them. Not part of `make test`: it takes minutes.
# BENCH_PEER_ARGS passes settings through, e.g. BENCH_PEER_ARGS="--seconds 2 --rounds 1".
bench-peer: build
	bench/compare.sh --oracle $(BUILD)/aslcheck $(BENCH_PEER_ARGS)

clean:
	rm -rf $(BUILD) $(FUZZ_BUILD)
