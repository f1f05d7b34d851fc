#!/usr/bin/python3
"""The workload tasks in SymPy, for ratios against nabla in one run.

Prints "name milliseconds" lines (median of repeats). Tasks SymPy needs minutes for are only
run with --all.
"""
import statistics
import sys
import time
from pathlib import Path

import sympy as sp

WORKLOADS = Path(__file__).resolve().parent / "workloads"


def read(name):
    vars_, lines = [], []
    for line in (WORKLOADS / name).read_text().splitlines():
        if line.startswith("# vars:"):
            vars_ = line[len("# vars:"):].split()
        elif line and not line.startswith("#"):
            lines.append(line)
    return vars_, lines


def median_ms(repeats, task):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        task()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def parse(text, names):
    return sp.sympify(text.replace("^", "**"), locals={n: sp.Symbol(n) for n in names}, rational=True)


def gradient_hessian(file):
    names, lines = read(file)

    def task():
        f = parse("".join(lines), names)
        xs = [sp.Symbol(n) for n in names]
        g = [sp.diff(f, x) for x in xs]
        for i in range(len(xs)):
            for j in range(i + 1):
                sp.diff(g[i], xs[j])
    return task


def jacobian(file):
    names, lines = read(file)

    def task():
        fs = [parse(line, names) for line in lines]
        xs = [sp.Symbol(n) for n in names]
        for f in fs:
            for x in xs:
                sp.diff(f, x)
    return task


def parse_only(file):
    names, lines = read(file)
    return lambda: parse("".join(lines), names)


def main():
    slow = "--all" in sys.argv
    tasks = [("parse/W1_N1000", parse_only("W1_rosenbrock_N1000.txt"), 3),
             ("gradient_hessian/W1_N100", gradient_hessian("W1_rosenbrock_N100.txt"), 3),
             ("jacobian/W4_bratu", jacobian("W4_bratu_n50.txt"), 3)]
    if slow:
        tasks.append(("gradient_hessian/W2_H8_D16", gradient_hessian("W2_nn_H8_D16.txt"), 1))
    for name, task, repeats in tasks:
        print("%s %.3f" % (name, median_ms(repeats, task)), flush=True)


if __name__ == "__main__":
    main()
