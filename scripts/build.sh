#!/usr/bin/env bash
# Configures and builds the Release tree into build/ (CLI at build/bin/sconce).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release
