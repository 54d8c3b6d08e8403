"""Builds one pinned PyPI sdist twice (plain clang, and CC=pyrefleak-cc
PYREFLEAK_INSTRUMENT=1), runs its own test suite on both, and checks that
the instrumented run has the same outcome per test, did not crash, and
reported exactly the leak sites known to be real (README, "Known findings
in real extensions"), each at least once.

usage: run-suite.py --pyrefleak-cc CC --package-dir DIR --work DIR
                    NAME==VERSION TESTS [EXPECTED-SITE ...]
EXPECTED-SITE is file:line:function:api, file relative to the sdist.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile

OUTCOME = re.compile(r"^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) (\S+)", re.M)


def run(command, cwd, env=None, timeout=900):
    full_env = dict(os.environ)
    full_env.pop("PYREFLEAK_OPTIONS", None)
    full_env.update(env or {})
    return subprocess.run(command, cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=timeout)


def fail(message, proc=None):
    sys.stderr.write("run-suite: error: %s\n" % message)
    if proc is not None:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
    sys.exit(1)


def unpack(archive, into):
    with tarfile.open(archive) as tar:
        tar.extractall(into)  # keeps mtimes: generated sources stay newer
    [top] = os.listdir(into)
    return os.path.join(into, top)


def build(source, env):
    proc = run([sys.executable, "setup.py", "build_ext", "--inplace"], source,
               env)
    if proc.returncode != 0:
        fail("building %s failed" % source, proc)


def outcomes(output):
    return {test: outcome for outcome, test in OUTCOME.findall(output)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pyrefleak-cc", required=True)
    parser.add_argument("--package-dir", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("requirement")
    parser.add_argument("tests")
    parser.add_argument("expected", nargs="*")
    args = parser.parse_args()
    name = args.requirement.split("==")[0]
    os.makedirs(args.work, exist_ok=True)
    archives = glob.glob(os.path.join(
        args.work, "%s-*.tar.gz" % name.replace("-", "[-_]")))
    if not archives:
        proc = run([sys.executable, "-m", "pip", "download", "--no-binary",
                    ":all:", "--no-deps", "-d", args.work, args.requirement],
                   args.work, timeout=300)
        archives = glob.glob(os.path.join(args.work, "*.tar.gz"))
        if proc.returncode != 0 or not archives:
            fail("pip download %s failed" % args.requirement, proc)
    results = {}
    reports = os.path.join(args.work, "reports")
    for variant in ("plain", "instrumented"):
        tree = os.path.join(args.work, variant)
        shutil.rmtree(tree, ignore_errors=True)
        source = unpack(archives[0], tree)
        if variant == "plain":
            build(source, {"CC": "clang-19", "CXX": "clang++-19",
                           "CFLAGS": "-O0"})
            command = [sys.executable, "-m", "pytest"]
            env = {}
        else:
            build(source, {"CC": args.pyrefleak_cc, "PYREFLEAK_INSTRUMENT": "1",
                           "CFLAGS": "-O0"})
            shutil.rmtree(reports, ignore_errors=True)
            command = [sys.executable, "-m", "pytest", "-p",
                       "pyrefleak.pytest_plugin",
                       "--pyrefleak-report-dir=" + reports]
            env = {"PYTHONPATH": args.package_dir}
        command += ["-p", "no:cacheprovider", "-o", "addopts=", "-rA", "-q",
                    args.tests]
        proc = run(command, source, env)
        if proc.returncode not in (0, 1):
            fail("%s test run crashed or could not start (status %d)"
                 % (variant, proc.returncode), proc)
        results[variant] = (outcomes(proc.stdout), proc)
        if variant == "instrumented" and "NOTHING CHECKED" in proc.stdout:
            fail("the instrumented run checked nothing", proc)
    plain, instrumented = results["plain"][0], results["instrumented"][0]
    if not plain or plain != instrumented:
        differ = sorted(t for t in set(plain) | set(instrumented)
                        if plain.get(t) != instrumented.get(t))
        fail("outcomes differ from the plain build: %s" % differ[:20],
             results["instrumented"][1])
    found = {}
    for path in glob.glob(os.path.join(reports, "pyrefleak.*.json")):
        with open(path, encoding="utf-8") as f:
            for leak in json.load(f)["leaks"]:
                site = "%s:%d:%s:%s" % (os.path.normpath(leak["file"]),
                                        leak["line"], leak["function"],
                                        leak["api"])
                found[site] = found.get(site, 0) + leak["leaked_references"]
    expected = {os.path.normpath(s.split(":", 1)[0]) + ":" + s.split(":", 1)[1]
                for s in args.expected}
    for site, count in sorted(found.items()):
        print("%s %s leaked=%d" % ("REAL" if site in expected else "FALSE",
                                   site, count))
    missing = expected - set(found)
    for site in sorted(missing):
        print("MISSING %s" % site)
    print("%s: %d tests, same outcomes; %d leak sites, %d false, %d missing"
          % (name, len(plain), len(found), len(set(found) - expected),
             len(missing)))
    return 1 if missing or set(found) - expected else 0


if __name__ == "__main__":
    sys.exit(main())
