#!/usr/bin/env bash
# Sets up, builds and runs Sconce's whole test suite; this is what CI runs.
#
#   1. installs the Debian packages (scripts/setup.sh)
#   2. Release build in build/, then every ctest test: unit tests, and end-to-end tests
#      whose fixtures and expected outputs real PyTorch generates at test time
#   3. sanitizer build (clang, ASan+UBSan) in build-fuzz/ of the code that parses
#      untrusted bytes (zip, pickle, .npy, TorchScript lexer/parser): the unit tests of
#      those layers again under the sanitizers, plus a short libFuzzer run of every fuzz
#      target. (The kernels and runtime are not rebuilt there: CI's time budget.)
# SCONCE_SKIP_FUZZ=1 skips step 3 (for a quick local loop).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)

cmake --preset release
cmake --build --preset release -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

if [[ "${SCONCE_SKIP_FUZZ:-0}" != 1 ]]; then
  sanitized_tests=(test_support test_tensor test_ir test_serialization)
  cmake --preset fuzz
  cmake --build --preset fuzz -j "$jobs" --target fuzz_all "${sanitized_tests[@]}"
  for t in "${sanitized_tests[@]}"; do build-fuzz/bin/"$t" --gtest_brief=1; done
  ctest --test-dir build-fuzz --output-on-failure -j "$jobs" -L fuzz
fi
