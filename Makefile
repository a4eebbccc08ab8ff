# The front door. `make` builds into build/ (the program is build/guarantor),
# `make run` is the main job, `make check` builds and runs every test,
# `make asan` builds and runs the tests under AddressSanitizer + UBSan.
# Each target first installs missing Debian packages (scripts/deps.sh).

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

MPI_BUILD  ?= build-mpi

.PHONY: all deps build run check asan mpi-check clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@$(BUILD)/guarantor compare

check: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DGUARANTOR_SANITIZE=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# The MPI build: simulate and compare across ranks; its tests include the
# check that any number of ranks gives the same result.
mpi-check:
	@scripts/deps.sh mpi
	@cmake -S . -B $(MPI_BUILD) -DCMAKE_BUILD_TYPE=Release -DGUARANTOR_MPI=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(MPI_BUILD) -j $(JOBS)
	@ctest --test-dir $(MPI_BUILD) --output-on-failure -R test_mpi

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(MPI_BUILD)
