#!/usr/bin/env python3
"""Runs the compiler plugin (pyrefleak-cc) and the clang-tidy module on the
same files and compares their findings: location, check and message.

    compare-front-ends.py --cc PYREFLEAK_CC --tidy CLANG_TIDY --module SO
                          FILE... -- COMPILER_ARGS...

Files that do not compile are skipped (and named). Prints each
disagreement and a last line "N findings, front ends agree" or
"front ends disagree"; exits 1 when they disagree.
"""
import argparse
import os
import re
import subprocess
import sys

FINDING = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): "
                     r"(?:warning|error): (?P<message>.*) "
                     r"\[(?P<check>pyrefleak-[a-z0-9-]+)\]$", re.M)


def findings(output):
    return {(os.path.abspath(m.group("file")), int(m.group("line")), int(m.group("col")),
             m.group("check"), m.group("message"))
            for m in FINDING.finditer(output)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cc", required=True)
    parser.add_argument("--tidy", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("files", nargs="+")
    argv = sys.argv[1:]
    at = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:at])
    rest = argv[at + 1:]
    plugin, tidy = set(), set()
    for path in args.files:
        cc = subprocess.run([args.cc, "-fsyntax-only"] +
                            rest + [path], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
        if cc.returncode != 0:
            # A compile error silences the plugin by design (clang-tidy
            # reports on what it could parse): nothing to compare.
            print("skipped, does not compile: %s" % path)
            continue
        plugin |= findings(cc.stdout)
        ct = subprocess.run([args.tidy, "-load", args.module,
                             "-checks=-*,pyrefleak-*", path, "--"] + rest,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
        tidy |= findings(ct.stdout)
    for finding in sorted(plugin - tidy):
        print("only the plugin: %s:%d:%d: %s [%s]" % (
            finding[0], finding[1], finding[2], finding[4], finding[3]))
    for finding in sorted(tidy - plugin):
        print("only clang-tidy: %s:%d:%d: %s [%s]" % (
            finding[0], finding[1], finding[2], finding[4], finding[3]))
    if plugin != tidy:
        print("front ends disagree")
        return 1
    print("%d findings, front ends agree" % len(plugin))
    return 0


if __name__ == "__main__":
    sys.exit(main())
