# The front door. `make` builds into build/ (the program is build/guarantor),
# `make run` is the main job, `make check` builds and runs every test,
# `make asan` builds and runs the tests under AddressSanitizer + UBSan,
# `make mpi-check` the MPI build and its test, `make fuzz` fuzzes the
# loader (clang, libFuzzer), `make bench` builds and runs the benchmarks
# (bench/run.py and bench/scale.py; not tests; BENCH_ARGS passes options
# to run.py, e.g. BENCH_ARGS='--repeat 5'). Each target first installs what is missing
# (scripts/deps.sh: Debian packages, the report's npm packages).

MAKEFLAGS  += --no-print-directory
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

MPI_BUILD  ?= build-mpi

.PHONY: all deps build run check asan mpi-check bench clean

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

check: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DGUARANTOR_SANITIZE=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# The MPI build: simulate and compare across ranks; its tests include the
# check that any number of ranks gives the same result.
mpi-check:
	@scripts/deps.sh mpi
	@cmake -S . -B $(MPI_BUILD) -DCMAKE_BUILD_TYPE=Release -DGUARANTOR_MPI=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(MPI_BUILD) -j $(JOBS)
	@ctest --test-dir $(MPI_BUILD) --output-on-failure -R test_mpi

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

# Fuzz the loader for FUZZ_SECONDS (default 60) with libFuzzer (clang).
FUZZ_SECONDS ?= 60
fuzz: deps
	@CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DGUARANTOR_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target fuzz_load
	@mkdir -p build-fuzz/corpus
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  build-fuzz/tests/fuzz_load -max_total_time=$(FUZZ_SECONDS) -max_len=8192 build-fuzz/corpus tests/fuzz/corpus tests/bad

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(MPI_BUILD)
