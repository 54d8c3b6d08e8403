#!/usr/bin/env python3
"""Checks that a text report keeps each translation unit's output in one
block: the lines of a unit (its findings, their source lines and notes, the
include stack of a header's finding, or why it was not checked) are never
interleaved with another unit's. Prints "N blocks", or the unit seen twice.
"""
import re
import sys

INCLUDED = re.compile(r"^In file included from (\S+?):\d+:$")
NOT_CHECKED = re.compile(r"^pyrefleak scan: (\S+?): not checked: ")
DIAGNOSTIC = re.compile(r"^(\S+?):\d+:\d+: (?:warning|error): ")

runs = []        # The unit of each run of consecutive lines.
owner = None
for line in open(sys.argv[1]).read().splitlines():
    for pattern in (INCLUDED, NOT_CHECKED, DIAGNOSTIC):
        m = pattern.match(line)
        if m:
            break
    if m and (pattern is not DIAGNOSTIC or m.group(1).endswith(".c")):
        owner = m.group(1)
    elif m and pattern is DIAGNOSTIC and not line.startswith(str(owner)) \
            and runs and not INCLUDED.match(previous):
        owner = m.group(1)  # A header finding whose stack was printed before.
    if not runs or runs[-1] != owner:
        runs.append(owner)
    previous = line
seen = set()
for unit in runs:
    if unit in seen:
        print("%s: output split into more than one block" % unit)
        sys.exit(1)
    seen.add(unit)
print("%d blocks" % len(runs))
