#!/usr/bin/env bash
# ci-quickstart.sh — clones this checkout into a temporary folder and runs the README's quick
# start there, as a new user would, checking that it differentiates what it says it does.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
git clone -q "$PWD" "$fresh/nabla"
out="$("$fresh/nabla/scripts/quickstart.sh")"
printf '%s\n' "$out"
grep -qx 'x^2\*cos(x) + 2\*x\*sin(x)' <<<"$out" || { echo "quick start: wrong derivative" >&2; exit 1; }
echo "quick start: ok"
