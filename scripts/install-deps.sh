#!/usr/bin/env bash
# install-deps.sh — installs the Debian 12 packages nabla needs, only those missing (idempotent).
set -euo pipefail
packages=(
  g++ clang cmake ninja-build ccache pkg-config
  libboost-dev libgmp-dev libmpfr-dev libcli11-dev nlohmann-json3-dev libfmt-dev
  doctest-dev libbenchmark-dev libedit-dev libginac-dev
  libeigen3-dev liblbfgspp-dev nettle-dev libflint-dev
  python3 python3-sympy
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "nabla: all build dependencies are installed"
  exit 0
fi
echo "nabla: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
