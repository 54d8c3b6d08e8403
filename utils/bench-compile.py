#!/usr/bin/python3
"""Compile-time cost of pyrefleak: prints the CPU-time ratios of `pyrefleak-cc -O2 -c`
(checking only) and of `pyrefleak-cc --instrument -O2 -c` to `clang-19 -O2 -c`
over generated extension sources of several thousand lines each
(utils/bench/genext.py), median of N runs.

usage: utils/bench-compile.py [--build build] [--runs 5] [--groups 20] [--instructions]
"""
import argparse
import os
import re
import shutil
import resource
import statistics
import subprocess
import sys
import sysconfig
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "bench"))
import genext  # noqa: E402


def timed(cmd, runs):
    """Median CPU time (user + system) of the command and its children:
    steadier than wall time on a shared machine."""
    samples = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        samples.append(after.ru_utime - before.ru_utime +
                       after.ru_stime - before.ru_stime)
    return statistics.median(samples)


def instructions(cmd):
    """Instructions executed by the compile under callgrind (children
    followed through the wrapper's exec): repeatable where time is not."""
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                           "--callgrind-out-file=/dev/null"] + cmd,
                          capture_output=True, text=True, check=True)
    return sum(int(n) for n in re.findall(r"Collected : (\d+)", proc.stderr))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=3)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions of one file under callgrind")
    args = parser.parse_args()
    cc = os.path.join(args.build, "bin", "pyrefleak-cc")
    include = "-I" + sysconfig.get_paths()["include"]
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(args.files):
            with open(os.path.join(tmp, "bench%d.c" % index), "w") as f:
                f.write(genext.module(index, args.groups))
        totals = [0.0, 0.0, 0.0]
        print("%-12s %7s %10s %10s %6s %12s %6s" % (
            "file", "lines", "clang-19", "pyrefleak", "ratio", "instrumented", "ratio"))
        for index in range(args.files):
            source = os.path.join(tmp, "bench%d.c" % index)
            lines = sum(1 for _ in open(source))
            out = os.path.join(tmp, "out.o")
            compile_args = ["-O2", "-c", include, source, "-o", out]
            times = [timed([args.clang] + compile_args, args.runs),
                     timed([cc] + compile_args, args.runs),
                     timed([cc, "--instrument"] + compile_args, args.runs)]
            totals = [t + u for t, u in zip(totals, times)]
            plain, checked, instrumented = times
            print("%-12s %7d %9.3fs %9.3fs %5.2fx %11.3fs %5.2fx" % (
                os.path.basename(source), lines, plain, checked, checked / plain,
                instrumented, instrumented / plain))
        print("compile-time ratio (pyrefleak-cc -O2 -c / clang-19 -O2 -c): %.2fx"
              % (totals[1] / totals[0]))
        print("instrumented compile-time ratio "
              "(pyrefleak-cc --instrument -O2 -c / clang-19 -O2 -c): %.2fx"
              % (totals[2] / totals[0]))
        if args.instructions and shutil.which("valgrind"):
            source = os.path.join(tmp, "bench0.c")
            out = os.path.join(tmp, "out.o")
            plain = instructions([args.clang, "-O2", "-c", include, source, "-o", out])
            checked = instructions([cc, "-O2", "-c", include, source, "-o", out])
            print("instruction ratio on bench0.c (callgrind): %.3fx (%d vs %d)"
                  % (checked / plain, checked, plain))


if __name__ == "__main__":
    main()
