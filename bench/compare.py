#!/usr/bin/python3
"""Runs nabla, GiNaC and SymPy on the same workloads in one run and prints the ratios.

    bench/compare.py [--build build] [--all]

nabla's figures come from build/bench/nabla_bench (Google Benchmark, real time); GiNaC's from
build/bench/ginac_workloads (built when libginac-dev is installed); SymPy's from
bench/sympy_workloads.py (needs python3-sympy). --all adds the tasks GiNaC or SymPy need
seconds to minutes for. A missing tool is reported, not fatal.
"""
import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_lines(cmd, timeout):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True).stdout
    except (OSError, subprocess.SubprocessError) as e:
        print("  (skipped %s: %s)" % (cmd[0], e.__class__.__name__), file=sys.stderr)
        return {}
    return {name: float(ms) for name, ms in (line.split() for line in out.splitlines() if line.strip())}


def nabla_times(build):
    out = subprocess.run([str(build / "bench" / "nabla_bench"), "--benchmark_format=json",
                          "--benchmark_repetitions=5", "--benchmark_report_aggregates_only=true"],
                         capture_output=True, text=True, check=True).stdout
    single, median = {}, {}
    for b in json.loads(out)["benchmarks"]:
        name = b["run_name"].removeprefix("BM_").split("/iterations")[0].split("/repeats")[0]
        unit = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0}[b["time_unit"]]
        if b.get("aggregate_name") == "median":
            median[name] = b["real_time"] * unit
        elif b.get("run_type") == "iteration":
            single[name] = b["real_time"] * unit
    return {**single, **median}


def startup_ms(build, runs=200):
    nabla = str(build / "src" / "frontend" / "nabla")
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([nabla, "simplify", "x"], stdout=subprocess.DEVNULL, check=True)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--all", action="store_true")
    args = ap.parse_args()
    build = Path(args.build)
    extra = ["--all"] if args.all else []

    nabla = nabla_times(build)
    ginac_bin = build / "bench" / "ginac_workloads"
    ginac = run_lines([str(ginac_bin)] + extra, 3600) if ginac_bin.exists() else {}
    sympy = run_lines([sys.executable, str(ROOT / "bench" / "sympy_workloads.py")] + extra, 3600)

    print("%-32s %12s %12s %12s %10s %10s" % ("task (median ms)", "nabla", "GiNaC", "SymPy", "GiNaC/nabla", "SymPy/nabla"))
    for name in sorted(set(nabla) | set(ginac) | set(sympy)):
        n, g, s = nabla.get(name), ginac.get(name), sympy.get(name)
        fmt = lambda v: "%12.3f" % v if v is not None else "%12s" % "-"
        ratio = lambda v: "%10.1f" % (v / n) if v is not None and n else "%10s" % "-"
        print("%-32s %s %s %s %s %s" % (name, fmt(n), fmt(g), fmt(s), ratio(g), ratio(s)))
    print("%-32s %12.3f   (nabla simplify 'x': start, answer, exit; median of 200)" % ("startup", startup_ms(build)))


if __name__ == "__main__":
    main()
