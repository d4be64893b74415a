#!/usr/bin/env bash
# Sets up, builds and runs Sconce's whole test suite; this is what CI runs.
#
#   1. installs the Debian packages (scripts/setup.sh)
#   2. Release build in build/, then every ctest test: unit tests, and end-to-end tests
#      whose fixtures and expected outputs real PyTorch generates at test time
#   3. sanitizer build (clang, ASan+UBSan) in build-fuzz/: the unit tests again under
#      the sanitizers, plus a short libFuzzer run of every fuzz target
# SCONCE_SKIP_FUZZ=1 skips step 3 (for a quick local loop).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)

cmake --preset release
cmake --build --preset release -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

if [[ "${SCONCE_SKIP_FUZZ:-0}" != 1 ]]; then
  cmake --preset fuzz
  cmake --build --preset fuzz -j "$jobs"
  # PickleFixtures.RoundTripThroughTorch runs /usr/bin/python3 from the test, which
  # fails inside the sanitized process; it runs in the release stage above.
  ctest --test-dir build-fuzz --output-on-failure -j "$jobs" -L "unit|fuzz" -E RoundTripThroughTorch
fi
