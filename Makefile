# Thin front door. `make demo` runs the main job; `make test` builds and passes every test.
# Both install what they need first (scripts/install-deps, apt-get on Debian 12).
.PHONY: demo demo-senate test bench build deps clean fuzz

JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60
CMAKE_WERROR := $(if $(CI),-DSAYLAU_WERROR=ON,)

deps:
	scripts/install-deps

build: deps
	cmake --preset release $(CMAKE_WERROR) >/dev/null
	cmake --build --preset release -j $(JOBS)
	scripts/build-web

demo: build
	scripts/demo

# A Senate sitting morning, live: attendance, quorums, the vote, a repeat vote, the summary.
demo-senate: build
	scripts/demo-senate

test: deps
	scripts/build-web
	cmake --preset debug -DSAYLAU_BUILD_BENCHMARKS=ON $(CMAKE_WERROR) >/dev/null
	cmake --build --preset debug -j $(JOBS)
	ctest --preset debug
	scripts/bench-smoke build/debug

bench: build
	bench/allocation/run
	build/release/bench/ingest_benchmark
	bench/http/run
	bench/verify/run
	bench/verify/run --stations 800000 --protocols-only
	bench/scale/run
	build/release/bench/stats_benchmark
	build/release/bench/stats_calibration --elections 5 --samples 200 --seeds 100

# Each libFuzzer target of fuzz/ for FUZZ_SECONDS (clang; ASan + UBSan); see fuzz/README.md.
fuzz: deps
	cmake --preset fuzz $(CMAKE_WERROR) >/dev/null
	cmake --build --preset fuzz -j $(JOBS)
	scripts/fuzz --seconds $(FUZZ_SECONDS)

clean:
	rm -rf build
