#!/usr/bin/env bash
# run.sh — build the example with the system compiler and run it (exit 0 when it converges).
set -euo pipefail
cd "$(dirname "$0")"
out="${TMPDIR:-/tmp}/nabla_gradient_descent"
"${CXX:-c++}" -std=c++17 -O2 -Wall -Wextra -Werror main.cpp -o "$out"
"$out"
