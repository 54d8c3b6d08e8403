"""suppressions=FILE: `leak:pattern` lines matched against a site's
function, file and API."""

import re

from conftest import BANNER, SUMMARY

LEAKY = """
import rtmod
rtmod.leak_ints(1000, 5)
rtmod.leak_none(4)
rtmod.lifo()
"""


def suppress(run, rtmod, tmp_path, text, options=""):
    path = tmp_path / "supp.txt"
    path.write_text(text)
    opts = "suppressions=" + str(path) + (":" + options if options else "")
    return run(LEAKY, [rtmod], options=opts)


def functions(r):
    return sorted(l["function"] for l in r.report["leaks"])


def test_by_function(run, rtmod, tmp_path):
    r = suppress(run, rtmod, tmp_path, """
# a comment, then a blank line

leak:leak_none   # trailing comment
""")
    assert r.returncode == 0, r.stderr
    assert functions(r) == ["leak_ints", "lifo"]
    assert r.report["suppressed"] == {"sites": 1, "references": 4}
    assert r.report["leaked_references"] == 6
    assert SUMMARY.search(r.stderr).groups() == ("6", "2")
    assert re.search(r"^Suppressions used:\n  references  sites template\n"
                     r"\s+4\s+1 leak:leak_none$", r.stderr, re.M)


def test_by_api_with_wildcard(run, rtmod, tmp_path):
    r = suppress(run, rtmod, tmp_path, "leak:PyLong_From*\n")
    assert functions(r) == ["leak_none", "lifo"]


def test_anchored_file_name_suppresses_everything(run, rtmod, tmp_path):
    r = suppress(run, rtmod, tmp_path, "leak:^rtmod.c$\n", "exitcode=5")
    assert r.returncode == 0  # nothing unsuppressed leaked
    assert not BANNER.search(r.stderr)
    assert not SUMMARY.search(r.stderr)
    assert "Suppressions used:" in r.stderr
    assert r.report["leaks"] == []
    assert r.report["suppressed"] == {"sites": 3, "references": 10}


def test_anchors_and_substrings(run, rtmod, tmp_path):
    # '^' needs the start: "eak_none" is a substring, "^eak_none" matches
    # nothing; a path pattern matches the full file path.
    r = suppress(run, rtmod, tmp_path, "leak:^eak_none\nleak:*/Inputs/*$\n")
    assert functions(r) == []
    r = suppress(run, rtmod, tmp_path, "leak:^eak_none\nleak:eak_no\n")
    assert functions(r) == ["leak_ints", "lifo"]


def test_print_suppressions_off(run, rtmod, tmp_path):
    r = suppress(run, rtmod, tmp_path, "leak:lifo\n", "print_suppressions=0")
    assert "Suppressions used:" not in r.stderr
    assert BANNER.search(r.stderr)


def test_other_kinds_are_ignored_and_bad_lines_warned(run, rtmod, tmp_path):
    r = suppress(run, rtmod, tmp_path,
                 "over-release:leak_ints\nno colon here\nleak:\nleak:lifo\n")
    assert functions(r) == ["leak_ints", "leak_none"]
    assert re.search(r"WARNING: pyrefleak: suppressions file '.*supp.txt', "
                     r"line 2: expected 'kind:pattern'", r.stderr)
    assert re.search(r"line 3: empty pattern", r.stderr)
    assert "line 1" not in r.stderr


def test_missing_file(run, rtmod, tmp_path):
    r = run(LEAKY, [rtmod],
            options="suppressions=" + str(tmp_path / "missing.txt"))
    assert re.search(r"WARNING: pyrefleak: suppressions file "
                     r"'.*missing.txt': cannot read the file", r.stderr)
    assert len(r.report["leaks"]) == 3


def test_with_log_path_nothing_goes_to_stderr(run, rtmod, tmp_path):
    log = tmp_path / "leaks-%p.log"
    r = suppress(run, rtmod, tmp_path, "leak:leak_none\n",
                 options="log_path=%s" % log)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    [written] = list(tmp_path.glob("leaks-*.log"))
    text = written.read_text()
    assert "Suppressions used:" in text
    assert SUMMARY.search(text).groups() == ("6", "2")
