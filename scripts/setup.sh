#!/usr/bin/env bash
# Installs every Debian package Sconce's build, tests and fuzzers need. Idempotent:
# packages already present are skipped, so re-running costs a few seconds.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache
  clang libclang-rt-14-dev llvm-14-tools        # libFuzzer targets, FileCheck
  libfmt-dev libcli11-dev libgtest-dev libgmock-dev nlohmann-json3-dev zlib1g-dev
  libdnnl-dev libopenblas-dev                   # kernels (conv/matmul)
  python3-torch python3-torchvision python3-numpy  # the oracle: fixtures and expected outputs
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
