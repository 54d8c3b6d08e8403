#!/usr/bin/python3
"""Run-time cost of the ledger: builds utils/bench/hotloop.c plain
(clang-19) and instrumented (pyrefleak-cc --instrument), runs the same hot
loop in each (churn: 5 API calls per iteration, 4 million iterations by
default, so 20 million calls), and prints the instrumented/plain wall-time
ratio and the peak memory of both. A second run with four times the leaking
calls shows that the ledger's memory does not grow with calls.

The wall-time ratio is measured in one process that imports both builds
and runs them in alternate rounds: this machine's speed changes by up to
1.6x from one second to the next, and rounds a few milliseconds apart see
the same speed. Separate processes give the peak memory and a second,
noisier ratio.

usage: utils/bench-runtime.py [--build build] [--iterations 4000000]
                              [--runs 9] [--rounds 40]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = r"""
import resource, sys, time
import hotloop
kind, n = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
if kind == "churn":
    hotloop.churn(n)
else:
    for _ in range(n // 100000):
        hotloop.leak_ints(100000)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


# Imports the builds of argv[1] and argv[2] (directories) and times
# churn(argv[3]) in each, alternately, argv[4] times; prints "plain
# instrumented" seconds per round.
ALTERNATING_DRIVER = r"""
import importlib.machinery, importlib.util, sys, time

def load(directory):
    loader = importlib.machinery.ExtensionFileLoader(
        "hotloop", importlib.machinery.PathFinder.find_spec(
            "hotloop", [directory]).origin)
    spec = importlib.util.spec_from_loader("hotloop", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module.churn

plain, instrumented = load(sys.argv[1]), load(sys.argv[2])
n, rounds = int(sys.argv[3]), int(sys.argv[4])
plain(n // 10), instrumented(n // 10)
for index in range(rounds):
    timed = {}
    for churn in ((plain, instrumented) if index % 2 == 0 else
                  (instrumented, plain)):
        start = time.perf_counter()
        churn(n)
        timed[churn] = time.perf_counter() - start
    print(timed[plain], timed[instrumented])
"""


def alternating(plain, instrumented, tmp, n, rounds, env_extra):
    script = os.path.join(tmp, "alternate.py")
    with open(script, "w") as f:
        f.write(ALTERNATING_DRIVER)
    env = dict(os.environ, **env_extra)
    out = subprocess.run([sys.executable, script, plain, instrumented, str(n), str(rounds)],
                         env=env, check=True, capture_output=True, text=True).stdout
    return [tuple(map(float, line.split())) for line in out.splitlines()]


def build(cc, source, outdir):
    os.makedirs(outdir, exist_ok=True)
    target = os.path.join(outdir, "hotloop" + sysconfig.get_config_var("EXT_SUFFIX"))
    subprocess.run(cc + ["-shared", "-fPIC", "-O2", "-I" + sysconfig.get_paths()["include"],
                         source, "-o", target], check=True, stderr=subprocess.DEVNULL)
    return outdir


def run(moddir, script, kind, n, env_extra=None):
    env = dict(os.environ, PYTHONPATH=moddir)
    env.update(env_extra or {})
    out = subprocess.run([sys.executable, script, kind, str(n)], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1])


def instructions(moddir, script, n, env_extra=None):
    """Instructions the process executes under callgrind: repeatable where
    wall time on a shared machine is not."""
    env = dict(os.environ, PYTHONPATH=moddir)
    env.update(env_extra or {})
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, script, "churn", str(n)],
                          env=env, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", proc.stderr).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--iterations", type=int, default=4000000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    cc = os.path.join(args.build, "bin", "pyrefleak-cc")
    source = os.path.join(HERE, "bench", "hotloop.c")
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "drive.py")
        with open(script, "w") as f:
            f.write(DRIVER)
        plain = build([args.clang], source, os.path.join(tmp, "plain"))
        instrumented = build([cc, "--instrument"], source, os.path.join(tmp, "instr"))
        quiet = {"PYREFLEAK_OPTIONS": "report_at_exit=0"}
        builds = (("plain", plain, None), ("instrumented", instrumented, quiet))
        samples = {name: [] for name, _, _ in builds}
        ratios = []
        for index in range(args.runs):
            pair = builds if index % 2 == 0 else builds[::-1]
            timed = {name: run(moddir, script, "churn", args.iterations, env)
                     for name, moddir, env in pair}
            for name, sample in timed.items():
                samples[name].append(sample)
            ratios.append(timed["instrumented"][0] / timed["plain"][0])
        times = {name: min(s[0] for s in runs) for name, runs in samples.items()}
        peaks = {name: max(s[1] for s in runs) for name, runs in samples.items()}
        rounds = alternating(plain, instrumented, tmp, args.iterations // 10,
                             args.rounds, quiet)
        round_ratios = sorted(i / p for p, i in rounds)
        calls = args.iterations * 5
        print("hot loop: %d iterations, %d API calls" % (args.iterations, calls))
        print("  plain:        %.3fs  peak RSS %d KiB" % (times["plain"], peaks["plain"]))
        print("  instrumented: %.3fs  peak RSS %d KiB" % (times["instrumented"], peaks["instrumented"]))
        print("wall-time ratio (instrumented / plain): %.2fx median of %d alternating "
              "rounds in one process (quartiles %.2fx-%.2fx; total %.2fx)"
              % (statistics.median(round_ratios), len(round_ratios),
                 round_ratios[len(round_ratios) // 4],
                 round_ratios[(3 * len(round_ratios)) // 4],
                 sum(i for _, i in rounds) / sum(p for p, _ in rounds)))
        print("  separate processes: %.2fx median of %d pairs (%.2fx-%.2fx), "
              "%.2fx fastest runs"
              % (statistics.median(ratios), len(ratios), min(ratios), max(ratios),
                 times["instrumented"] / times["plain"]))
        if shutil.which("valgrind"):
            n = 200000
            counted = {}
            for name, moddir, env in builds:
                counted[name] = (instructions(moddir, script, n, env) -
                                 instructions(moddir, script, 0, env))
            print("instructions per iteration (callgrind): plain %.0f, instrumented %.0f: %.2fx"
                  % (counted["plain"] / n, counted["instrumented"] / n,
                     counted["instrumented"] / counted["plain"]))
        small = run(instrumented, script, "leak", 1000000, quiet)[1]
        large = run(instrumented, script, "leak", 4000000, quiet)[1]
        print("peak RSS with 1M leaked references: %d KiB; with 4M: %d KiB (%+d KiB)"
              % (small, large, large - small))


if __name__ == "__main__":
    main()
