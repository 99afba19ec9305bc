# The commands of README.md. Each installs what is missing first (scripts/setup), so a fresh Debian 12 machine
# needs nothing else typed.
BUILD_DIR ?= build
JOBS ?= 2
PORT ?= 8080
DEMO_DIR ?= demo-data

.PHONY: all build demo test test-dates fuzz bench bench-growth format clean

all: build

build:
	@scripts/setup build
	@scripts/build $(BUILD_DIR) Release

demo: build
	@scripts/demo $(BUILD_DIR) $(DEMO_DIR) $(PORT)

test:
	@scripts/test

test-dates:
	@scripts/test-dates

fuzz:
	@scripts/fuzz

bench:
	@scripts/bench

bench-growth:
	@scripts/setup bench && scripts/build build Release && scripts/bench-core --growth

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build build-asan build-release build-fuzz
