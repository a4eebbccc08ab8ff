# The front door. `make` builds into build/ (the program is build/guarantor,
# the library build/libguarantor.so and .a), `make run` is the main job,
# `make check` builds and runs every test, `make install` installs the
# library, its headers, pkg-config file and CMake package, and the program
# (PREFIX, default /usr/local),
# `make asan` builds and runs the tests under AddressSanitizer + UBSan,
# `make mpi-check` the MPI build and its test, `make mutants` checks that
# the tests catch deliberate mutations of the model, `make fuzz` fuzzes the
# loader (clang, libFuzzer), `make bench` builds and runs the benchmarks
# (bench/run.py and bench/scale.py; not tests; BENCH_ARGS passes options
# to run.py, e.g. BENCH_ARGS='--repeat 5'), `make results` regenerates
# docs/results.md (scripts/results.sh). Each target first installs what is missing
# (scripts/deps.sh: Debian packages, the report's npm packages).

MAKEFLAGS  += --no-print-directory
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

MPI_BUILD  ?= build-mpi

PREFIX     ?= /usr/local

.PHONY: all deps build run check install asan mpi-check mutants bench results fuzz clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: the comparison table of every catalog arrangement on the
# terminal, and the HTML report beside it.
run: build
	@$(BUILD)/guarantor report -o report.html

check: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DGUARANTOR_TESTS=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DGUARANTOR_SANITIZE=ON -DGUARANTOR_TESTS=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# The MPI build: simulate and compare across ranks; its tests include the
# check that any number of ranks gives the same result.
mpi-check:
	@scripts/deps.sh mpi
	@cmake -S . -B $(MPI_BUILD) -DCMAKE_BUILD_TYPE=Release -DGUARANTOR_MPI=ON -DGUARANTOR_TESTS=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(MPI_BUILD) -j $(JOBS)
	@ctest --test-dir $(MPI_BUILD) --output-on-failure -R test_mpi

# Each mutation of tests/mutation/run.py breaks the model on purpose in a
# copy of the tree: some test must fail for each.
mutants: deps
	@python3 tests/mutation/run.py

# The NumPy peer needs NumPy: Debian's python3-numpy, installed here when no
# python3 has it (the tests do not need it, so scripts/deps.sh leaves it).
bench: build
	@python3 -c 'import numpy' 2>/dev/null || /usr/bin/python3 -c 'import numpy' 2>/dev/null || { \
	  sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  echo "make bench: installing python3-numpy" >&2; \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends python3-numpy >&2 || { \
	    $$sudo apt-get update -qq >&2 && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends python3-numpy >&2; }; }
	@python3 bench/run.py $(BENCH_ARGS)
	@python3 bench/scale.py
	@python3 bench/backtest.py

# docs/results.md is generated, never edited by hand: every number the docs quote from a run.
results: build
	@scripts/results.sh $(BUILD)/guarantor > docs/results.md.tmp && mv docs/results.md.tmp docs/results.md || { rm -f docs/results.md.tmp; exit 1; }

# Run every libFuzzer harness (tests/fuzz/fuzz_*.c) for FUZZ_SECONDS each
# (default 60), clang with ASan and UBSan; each starts from its seeds
# (tests/fuzz/<harness>/, and the malformed-input corpus for the loader)
# and keeps what it finds in build-fuzz/corpus-<harness>. FUZZ_RUNS=N runs
# each for N executions instead (the long runs of docs/robustness.md);
# FUZZ_HARNESSES="fuzz_load ..." picks some.
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_LIMIT = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))
FUZZ_HARNESSES ?= $(sort $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c))))
fuzz:
	@scripts/deps.sh clang
	@CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DGUARANTOR_FUZZ=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target $(FUZZ_HARNESSES)
	@set -e; for h in $(FUZZ_HARNESSES); do \
	  mkdir -p build-fuzz/corpus-$$h; \
	  seeds=tests/fuzz/$$h; [ $$h = fuzz_load ] && seeds="$$seeds tests/bad"; \
	  echo "make fuzz: $$h ($(FUZZ_LIMIT))" >&2; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    build-fuzz/tests/$$h $(FUZZ_LIMIT) -max_len=8192 -print_final_stats=1 \
	    build-fuzz/corpus-$$h $$seeds 2>build-fuzz/$$h.log || { tail -40 build-fuzz/$$h.log >&2; exit 1; }; \
	  grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb' \
	    build-fuzz/$$h.log >&2 || true; \
	done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(MPI_BUILD) build-clang build-fuzz
