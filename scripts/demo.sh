#!/usr/bin/env bash
# Sets up, builds, and shows what is inside the example model with `sconce inspect`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target sconce
build/bin/sconce inspect examples/tiny_cnn.pt
