#!/usr/bin/env bash
# fuzz.sh — builds the libFuzzer harnesses (preset `fuzz`: clang, ASan + UBSan) and runs each
# for a bounded time on a copy of its seed corpus in a temporary directory; exits 1 on any
# finding (crash, sanitizer report, leak, timeout, failed check) and prints the reproducer.
#
#   scripts/fuzz.sh                        # every harness, NABLA_FUZZ_SECONDS (60) each
#   NABLA_FUZZ_SECONDS=600 scripts/fuzz.sh parse roundtrip
#   build-fuzz/tests/fuzz/fuzz_parse CRASH_FILE      # replays one reproducer
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
seconds=${NABLA_FUZZ_SECONDS:-60}
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(parse statement roundtrip batch batch_grammar)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

work=$(mktemp -d "${TMPDIR:-/tmp}/nabla-fuzz.XXXXXX")

# LeakSanitizer must really report leaks here (it cannot run under ptrace, e.g. in some
# containers or under a debugger); a probe that leaks on purpose shows whether it does.
printf '#include <cstdlib>\nint main() { volatile void* p = std::malloc(77); p = nullptr; (void)p; }\n' >"$work/leak.cpp"
clang++ -fsanitize=address -g "$work/leak.cpp" -o "$work/leak"
if ASAN_OPTIONS=detect_leaks=1 "$work/leak" 2>"$work/leak.log"; then
  echo "fuzz.sh: LeakSanitizer did not report a deliberate leak:" >&2
  cat "$work/leak.log" >&2
  exit 1
elif grep -q "does not work under ptrace" "$work/leak.log"; then
  echo "fuzz.sh: LeakSanitizer cannot run here (under ptrace): fuzzing without leak checks" >&2
  detect_leaks=0
elif grep -q "LeakSanitizer: detected memory leaks" "$work/leak.log"; then
  detect_leaks=1
else
  echo "fuzz.sh: the LeakSanitizer probe failed otherwise:" >&2
  cat "$work/leak.log" >&2
  exit 1
fi

export ASAN_OPTIONS="detect_leaks=$detect_leaks${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

failed=()
for h in "${harnesses[@]}"; do
  binary=build-fuzz/tests/fuzz/fuzz_$h
  [ -x "$binary" ] || { echo "fuzz.sh: no harness '$h' ($binary)" >&2; exit 2; }
  case $h in
    parse) max_len=4096; dict=tests/fuzz/expr.dict ;;
    statement) max_len=1024; dict=tests/fuzz/expr.dict ;;
    roundtrip) max_len=512; dict=tests/fuzz/expr.dict ;;
    batch) max_len=4096; dict=tests/fuzz/batch.dict ;;
    *) max_len=512; dict= ;;
  esac
  mkdir -p "$work/corpus/$h" "$work/artifacts/$h"
  cp -r "tests/fuzz/corpus/$h/." "$work/corpus/$h/"
  echo "fuzz.sh: $h for ${seconds}s"
  if "$repo/$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len="$max_len" \
      -detect_leaks="$detect_leaks" -print_final_stats=1 -artifact_prefix="$work/artifacts/$h/" \
      ${dict:+-dict="$repo/$dict"} "$work/corpus/$h" >"$work/$h.log" 2>&1; then
    grep -E '^(Done|stat::number_of_executed_units)' "$work/$h.log" | tail -n 1 || true
  else
    failed+=("$h")
    echo "fuzz.sh: FINDING in $h; the end of its log ($work/$h.log):" >&2
    grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|RELOAD)' "$work/$h.log" | tail -n 60 >&2
    for f in "$work/artifacts/$h"/*; do
      [ -e "$f" ] && echo "fuzz.sh: reproducer $f  (replay: $binary $f)" >&2
    done
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in ${failed[*]}; corpora, logs and reproducers kept in $work" >&2
  exit 1
fi
rm -rf "$work"
[ "$detect_leaks" = 1 ] && leaks=on || leaks=off
echo "fuzz.sh: no findings (${harnesses[*]}, ${seconds}s each, leak checks $leaks)"
