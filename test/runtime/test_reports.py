"""The text report (sanitizer banner and SUMMARY), the JSON report schema,
merging of sites by text, and on-demand reports."""

import json
import os
import re

from conftest import BANNER, INPUTS, SUMMARY, marked_line

LEAK_FIELDS = {
    "file": str, "line": int, "column": int, "function": str, "api": str,
    "leaked_references": int, "cached_references": int,
    "heap_references": int, "unclassified_references": int,
    "heap_bytes": int, "types": dict, "python_callers": list,
    "static_finding": bool, "stack": list,
}


def test_json_schema(run, rtmod):
    r = run("""
import rtmod
for _ in range(3):
    rtmod.leak_ints(1, 255)
rtmod.leak_ints(1000, 2)
rtmod.leak_none(2)
""", [rtmod])
    assert r.returncode == 0, r.stderr
    report = r.report
    assert set(report) == {"pid", "leaked_references", "leaks", "suppressed",
                           "refuted_references", "refutation",
                           "dropped_events"}
    # The leaked objects of this test are never deallocated.
    assert report["refuted_references"] == 0
    assert report["suppressed"] == {"sites": 0, "references": 0}
    assert report["dropped_events"] == 0
    assert report["leaked_references"] == 769
    for leak in report["leaks"]:
        assert {k: type(v) for k, v in leak.items()} == LEAK_FIELDS
        assert leak["leaked_references"] == (
            leak["cached_references"] + leak["heap_references"] +
            leak["unclassified_references"])
        assert sum(leak["types"].values()) == leak["leaked_references"]
        assert leak["file"] == rtmod.source
        assert leak["column"] == 1
        assert re.match(r"#0 0x[0-9a-f]+ in %s .*rtmod.c:%d:1$"
                        % (leak["function"], leak["line"]), leak["stack"][0])
        assert all(re.match(r"#%d 0x[0-9a-f]+ " % i, frame)
                   for i, frame in enumerate(leak["stack"]))
    # Most references first.
    counts = [l["leaked_references"] for l in report["leaks"]]
    assert counts == [767, 2]


def test_json_without_leaks(run, rtmod):
    r = run("import rtmod; rtmod.clean_ints(1, 10); rtmod.steal_items(3)",
            [rtmod])
    assert r.returncode == 0
    assert r.report["leaks"] == []
    assert r.report["leaked_references"] == 0
    assert r.stderr == ""


def test_json_path_with_pid(run, rtmod, tmp_path):
    template = str(tmp_path / "leaks-%p.json")
    r = run("import os, rtmod; rtmod.leak_none(1); print(os.getpid())",
            [rtmod], options="json_report=" + template, json_report=False)
    path = template.replace("%p", r.stdout.strip())
    with open(path) as f:
        assert json.load(f)["leaked_references"] == 1
    assert not [n for n in os.listdir(str(tmp_path)) if ".tmp." in n]


def test_text_report_format(run, rtmod):
    r = run("""
import rtmod
for _ in range(400):
    rtmod.leak_ints(1, 255)
for fail in (True, True):
    try:
        rtmod.error_path(fail)
    except ValueError:
        pass
""", [rtmod])
    assert r.returncode == 0
    text = r.stderr
    [pid] = BANNER.findall(text)
    assert int(pid) == r.report["pid"]
    line = rtmod.line("leak_ints")
    source = re.escape(rtmod.source)
    assert re.search(
        r"^  102000 references created by PyLong_FromLong at %s:%d:1 in "
        r"leak_ints \(also reported statically\)\n"
        r"    102000 to cached or immortal objects, 0 to heap objects "
        r"\(0 bytes\)\n"
        r"    types: int 102000\n"
        r"    first Python caller: <module> at <string>:4 \(102000 "
        r"references\)\n"
        r"    #0 " % (source, line), text, re.M)
    assert re.search(
        r"^  102000 references created by PyLong_FromLong at %s:%d:1 in "
        r"leak_ints \(also reported statically\)\n"
        r"    102000 to cached or immortal objects, 0 to heap objects "
        r"\(0 bytes\)\n"
        r"    types: int 102000\n"
        r"(    .* Python caller: .*\n)*"
        r"    #0 0x[0-9a-f]+ in leak_ints %s:%d:1\n"
        r"    #1 0x[0-9a-f]+ " % (source, line, source, line), text, re.M)
    assert re.search(
        r"^  2 references created by PyList_New at %s:%d:1 in error_path\n"
        r"    0 to cached or immortal objects, 2 to heap objects \(80 bytes\)\n"
        r"    types: list 2\n" % (source, rtmod.line("error_path")), text,
        re.M)
    # Ordered by references; the summary is the last line.
    assert text.index("102000 references") < text.index("2 references")
    assert text.rstrip("\n").splitlines()[-1] == (
        "SUMMARY: pyrefleak: 102002 leaked references at 2 sites")


def test_same_site_in_two_modules_is_one_entry(run, compile_c):
    a = compile_c("twin_a", ["twin_a.c"])
    b = compile_c("twin_b", ["twin_b.c"])
    r = run("""
import twin_a, twin_b, pyrefleak
twin_a.leak(3)
twin_b.leak(4)
print(pyrefleak.stats()["sites"], len(pyrefleak.snapshot()))
""", [a, b])
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["2", "1"]  # two literals, one site
    [leak] = r.report["leaks"]
    assert leak["line"] == marked_line(
        os.path.join(INPUTS, "twin_site.h"), "twin")
    assert leak["leaked_references"] == 7
    assert SUMMARY.search(r.stderr).groups() == ("7", "1")


def test_report_on_demand(run, rtmod):
    r = run("""
import rtmod, pyrefleak
assert pyrefleak.report() == 0
rtmod.leak_none(2)
assert pyrefleak.report() == 2
rtmod.leak_none(1)
""", [rtmod])
    assert r.returncode == 0, r.stderr
    summaries = SUMMARY.findall(r.stderr)
    # Once on demand, once at exit, counting everything so far.
    assert summaries == [("2", "1"), ("3", "1")]
