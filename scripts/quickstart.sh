#!/usr/bin/env bash
# quickstart.sh — install what is missing, build nabla (release), and differentiate something.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target nabla
echo
echo '$ build/nabla diff "x^2*sin(x)" x'
build/nabla diff "x^2*sin(x)" x
echo '$ build/nabla hessian "x^3 + y^3 - 3*x*y"'
build/nabla hessian "x^3 + y^3 - 3*x*y"
