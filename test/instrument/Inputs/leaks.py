"""Prints the leaks of a pyrefleak JSON report, one line per site in source
order, for FileCheck: LEAK <function>:<line>:<column> <api> leaked=N ..."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    report = json.load(f)
sites = sorted(report["leaks"], key=lambda s: (s["file"], s["line"], s["column"]))
for s in sites:
    print("LEAK %s:%d:%d %s leaked=%d cached=%d heap=%d static=%s" % (
        s["function"], s["line"], s["column"], s["api"],
        s["leaked_references"], s["cached_references"], s["heap_references"],
        "yes" if s.get("static_finding") else "no"))
print("TOTAL leaked=%d" % report["leaked_references"])
