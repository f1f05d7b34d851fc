#!/usr/bin/env bash
# generate.sh — regenerate rosenbrock.hpp with nabla (NABLA defaults to build/nabla).
set -euo pipefail
cd "$(dirname "$0")"
nabla="${NABLA:-../../../build/nabla}"
"$nabla" codegen '(1 - x)^2 + 100*(y - x^2)^2' --vars x,y --name rosen -o rosenbrock.hpp
