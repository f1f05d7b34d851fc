#!/usr/bin/env bash
# run.sh — build the code generation benchmark (one job) and run it: generated vs hand-written.
# Usage: bench/codegen/run.sh [POINTS]   (BUILD_DIR defaults to build)
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${BUILD_DIR:-build}"
if [ ! -f "$build/build.ninja" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$build" -j1 nabla_bench_codegen
"$build/bench/nabla_bench_codegen" "$@"
