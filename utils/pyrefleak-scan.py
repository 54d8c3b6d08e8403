#!/usr/bin/env python3
"""pyrefleak scan: check every translation unit of a project.

Reads the project's compile_commands.json (CMake's
CMAKE_EXPORT_COMPILE_COMMANDS, meson, or `bear -- make` / `bear -- python3
setup.py build_ext` for everything else), runs `pyrefleak-cc -fsyntax-only`
on each C source in parallel, and reports the pyrefleak findings as text,
JSON or SARIF 2.1.0. Commands written for gcc work: options clang does not
know are dropped.

Exit status: 0 when clean; 1 when there are findings (new ones, with
--baseline) of the checks named by --fail-on; 2 when a translation unit could
not be checked (it does not compile, the compiler crashed) or on a usage
error.
"""

import argparse
import atexit
import concurrent.futures
import fnmatch
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "pyrefleak/v1"
SOURCE_EXTENSIONS = {".c", ".i", ".cc", ".cp", ".cpp", ".cxx", ".c++", ".C",
                     ".ii", ".m", ".mm"}
COMPILER_WRAPPERS = {"ccache", "sccache", "distcc", "icecc"}

# Options of gcc that clang rejects (or that make no sense for a syntax-only
# run), dropped before the first attempt. Anything else clang reports as an
# unknown argument is dropped on a retry (see run_unit).
DROP_EXACT = {
    "-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG",
    "-pipe", "-Werror", "-pedantic-errors", "-fsyntax-only", "--instrument",
    "-fconserve-stack", "-fplan9-extensions", "-fno-gnu-unique",
    "-fgnu-unique", "-fno-keep-inline-dllexport", "-fstack-usage",
    "-ffat-lto-objects", "-fno-fat-lto-objects", "-fanalyzer",
    "-fallow-store-data-races", "-fno-allow-store-data-races",
    "-fno-ipa-sra", "-fno-ipa-cp-clone", "-fipa-pta",
    "-fno-var-tracking", "-fvar-tracking", "-fno-var-tracking-assignments",
    "-fvar-tracking-assignments", "-fno-tree-loop-distribute-patterns",
    "-fno-partial-inlining", "-fmin-function-alignment",
}
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
DROP_PREFIXES = (
    "-Werror=", "-fdiagnostics-color", "-fdiagnostics-urls=",
    "-fdiagnostics-format=", "-fmax-errors=", "-flto", "-fanalyzer-",
    "-fipa-", "-fno-ipa-", "-fdump-", "-fopt-info", "-fcompare-debug",
    "-fcallgraph-info", "-specs=", "--specs=", "-fmacro-prefix-map=",
    "-fprofile-use", "-fprofile-dir=", "-fauto-profile",
)
ADDED_FLAGS = ["-fsyntax-only", "-fno-color-diagnostics",
               "-fdiagnostics-parseable-fixits",
               "-Wno-unknown-warning-option", "-Qunused-arguments",
               # A remark for each function too large for the path analysis.
               "-fplugin-arg-pyrefleak-verbose"]
UNEXPLORED = re.compile(r"^pyrefleak: '(?P<function>[^']+)' not fully explored")
UNKNOWN_ARGUMENT = re.compile(
    r"error: (?:unknown argument:? |unsupported option |"
    r"unknown target CPU |unsupported argument )'([^']+)'")

DIAGNOSTIC = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<severity>fatal error|error|warning|note|remark): (?P<message>.*)$")
GLOBAL_DIAGNOSTIC = re.compile(
    r"^(?P<severity>fatal error|error|warning): (?P<message>.*)$")
DRIVER_DIAGNOSTIC = re.compile(
    r"^(?P<tool>[\w.+-]+): (?P<severity>fatal error|error|warning): "
    r"(?P<message>.*)$")
INCLUDED_FROM = re.compile(
    r"^(?P<lead>In file included from |                 from )"
    r"(?P<file>.+?):(?P<line>\d+)(?P<rest>[:,])$")
CHECK_TAG = re.compile(r" \[(pyrefleak-[a-z0-9-]+)\]$")
FIX_IT = re.compile(
    r'^fix-it:"(?P<file>(?:[^"\\]|\\.)*)":\{(?P<l1>\d+):(?P<c1>\d+)-'
    r'(?P<l2>\d+):(?P<c2>\d+)\}:"(?P<text>(?:[^"\\]|\\.)*)"$')
GENERATED = re.compile(r"^\d+ (warning|error)s? generated\.$")


def fail(message):
    print("pyrefleak scan: error: " + message, file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------------------
# The compilation database.

def find_database(path):
    """The compile_commands.json named by -p, or the nearest one above the
    working directory (also looking into a build/ folder on the way)."""
    if path:
        if os.path.isdir(path):
            path = os.path.join(path, "compile_commands.json")
        if not os.path.isfile(path):
            fail("no compilation database at '%s'" % path)
        return os.path.abspath(path)
    here = os.getcwd()
    while True:
        for candidate in (os.path.join(here, "compile_commands.json"),
                          os.path.join(here, "build",
                                       "compile_commands.json")):
            if os.path.isfile(candidate):
                return candidate
        parent = os.path.dirname(here)
        if parent == here:
            fail("no compile_commands.json in this directory or above; "
                 "name one with -p (CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON;"
                 " meson writes one into the build directory; otherwise run "
                 "the build under `bear --`)")
        here = parent


def project_root(database, units):
    """Paths in reports and baselines are relative to this: the enclosing
    git checkout, or the directory holding the database and the sources."""
    here = os.path.dirname(database)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    return os.path.commonpath([os.path.dirname(database)] +
                              [os.path.dirname(u.file) for u in units])


def display_path(path):
    """How text output names a file: relative to the working directory when
    it is below it, as editors and terminals resolve it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


class Unit:
    """One translation unit to check."""

    def __init__(self, file, directory, arguments):
        self.file = file
        self.directory = directory
        self.arguments = arguments  # Options only: no compiler, no source.


def split_command(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def compiler_options(argv, source, directory):
    """Drops the compiler (and a ccache-style wrapper), the source file and
    the options a syntax-only clang run must not see."""
    args = list(argv)
    while args and os.path.basename(args[0]) in COMPILER_WRAPPERS:
        args.pop(0)
    args = args[1:]
    result = []
    skip = False
    source_real = os.path.realpath(source)
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in DROP_WITH_VALUE:
            skip = True
            continue
        if any(arg.startswith(o) and len(arg) > len(o) for o in
               ("-o", "-MF", "-MT", "-MQ")):
            continue
        if arg in DROP_EXACT or (arg.startswith(DROP_PREFIXES) and
                                 not arg.startswith("-Werror=pyrefleak-")):
            continue
        if not arg.startswith("-") and os.path.splitext(arg)[1] in \
                SOURCE_EXTENSIONS and os.path.realpath(
                    os.path.join(directory, arg)) == source_real:
            continue
        result.append(arg)
    return result


def load_units(database, selected, excluded):
    try:
        with open(database) as f:
            entries = json.load(f)
    except (OSError, ValueError) as error:
        fail("cannot read '%s': %s" % (database, error))
    if not isinstance(entries, list):
        fail("'%s' is not a list of compile commands" % database)
    units = []
    seen = set()
    for entry in entries:
        try:
            directory = entry["directory"]
            file = os.path.normpath(os.path.join(directory, entry["file"]))
            argv = split_command(entry)
        except (KeyError, TypeError, ValueError) as error:
            fail("malformed entry in '%s': %s" % (database, error))
        if os.path.splitext(file)[1] not in SOURCE_EXTENSIONS:
            continue
        real = os.path.realpath(file)
        if real in seen:
            continue  # The same file compiled twice: check it once.
        if selected and not any(matches(real, p) for p in selected):
            continue
        if any(matches(real, p) for p in excluded):
            continue
        seen.add(real)
        units.append(Unit(file, directory,
                          compiler_options(argv, file, directory)))
    return units


def matches(real, pattern):
    """A source named on the command line: a path, a directory or a glob."""
    target = os.path.realpath(pattern)
    if real == target or real.startswith(target.rstrip("/") + "/"):
        return True
    return fnmatch.fnmatch(real, os.path.abspath(pattern)) or \
        fnmatch.fnmatch(os.path.basename(real), pattern)


# ---------------------------------------------------------------------------
# Running one translation unit and reading its output.

class Diagnostic:
    """A warning or error with its notes and the lines clang printed."""

    def __init__(self, file, line, column, severity, message):
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.check = None
        tag = CHECK_TAG.search(message)
        if tag:
            self.check = tag.group(1)
            self.message = message[:tag.start()]
        self.notes = []   # (file, line, column, message)
        self.fixits = []  # (file, (line, col, end line, end col), text)
        self.lines = []   # What clang printed, paths made absolute.
        self.fingerprint = None

    def key(self):
        # The notes too: two creations leaking at one exit are two findings.
        return (os.path.realpath(self.file) if self.file else "",
                self.line, self.column, self.check, self.message,
                tuple(self.notes))


class Result:
    def __init__(self, unit):
        self.unit = unit
        self.diagnostics = []
        self.exit_code = None
        self.failure = None   # Why the unit could not be checked.
        self.dropped = []     # Options dropped on a retry.
        self.unexplored = []  # (file, line, function) the paths did not fit.


def absolute(directory, path):
    return os.path.normpath(os.path.join(directory, path))


def unescape(text):
    """Undoes clang's escaping of fix-it strings (\\", \\\\, \\n)."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else
                  m.group(1), text)


def parse_output(text, directory, display):
    """Splits clang's output into diagnostics. Include stacks and source
    lines belong to the diagnostic they precede or follow. The lines kept
    name files as \p display spells them."""
    diagnostics = []
    pending = []
    current = None
    for raw in text.splitlines():
        if GENERATED.match(raw):
            continue
        m = FIX_IT.match(raw)
        if m:
            if current is not None:
                current.fixits.append((
                    absolute(directory, unescape(m.group("file"))),
                    tuple(int(m.group(g)) for g in ("l1", "c1", "l2", "c2")),
                    unescape(m.group("text"))))
            continue
        m = INCLUDED_FROM.match(raw)
        if m:
            pending.append("%s%s:%s%s" % (
                m.group("lead"), display(absolute(directory, m.group("file"))),
                m.group("line"), m.group("rest")))
            continue
        m = GLOBAL_DIAGNOSTIC.match(raw) or DRIVER_DIAGNOSTIC.match(raw)
        if m:
            current = Diagnostic(None, 0, 0, m.group("severity"),
                                 m.group("message"))
            current.lines.append(raw)
            diagnostics.append(current)
            continue
        m = DIAGNOSTIC.match(raw)
        if m:
            file = absolute(directory, m.group("file"))
            line = "%s:%s:%s: %s: %s" % (display(file), m.group("line"),
                                         m.group("col"), m.group("severity"),
                                         m.group("message"))
            if m.group("severity") == "note" and current is not None:
                current.notes.append((file, int(m.group("line")),
                                      int(m.group("col")),
                                      m.group("message")))
                current.lines.extend(pending + [line])
                pending = []
                continue
            current = Diagnostic(file, int(m.group("line")),
                                 int(m.group("col")), m.group("severity"),
                                 m.group("message"))
            current.lines.extend(pending + [line])
            pending = []
            diagnostics.append(current)
            continue
        if current is not None:
            current.lines.append(raw)
    return diagnostics


class Runner:
    def __init__(self, cc, extra_before, extra_after, timeout, display):
        self.cc = cc
        self.display = display
        self.extra_before = extra_before
        self.extra_after = extra_after
        self.timeout = timeout
        self.unknown = set()   # Options clang rejected, learnt on the way.
        self.lock = threading.Lock()
        # Checking only: no run-time instrumentation, whatever the shell says.
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("PYREFLEAK_INSTRUMENT",)}

    def command(self, unit, dropped, extra=()):
        with self.lock:
            unknown = set(self.unknown)
        options = [a for a in unit.arguments
                   if a not in unknown and a not in dropped]
        return ([self.cc] + self.extra_before + options + ADDED_FLAGS +
                self.extra_after + list(extra) + [unit.file])

    def run(self, unit, extra=()):
        result = Result(unit)
        dropped = set()
        for _ in range(4):
            argv = self.command(unit, dropped, extra)
            try:
                proc = subprocess.run(argv, cwd=unit.directory, env=self.env,
                                      stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT,
                                      timeout=self.timeout)
            except subprocess.TimeoutExpired:
                result.failure = "timed out after %ss" % self.timeout
                return result
            except OSError as error:
                result.failure = "cannot run %s: %s" % (self.cc, error)
                return result
            output = proc.stdout.decode("utf-8", "replace")
            rejected = set(UNKNOWN_ARGUMENT.findall(output)) & \
                set(unit.arguments) - dropped
            if proc.returncode != 0 and rejected:
                dropped |= rejected
                with self.lock:
                    self.unknown |= rejected
                continue
            break
        result.dropped = sorted(dropped)
        result.exit_code = proc.returncode
        result.diagnostics = parse_output(output, unit.directory,
                                          self.display)
        for d in result.diagnostics:
            m = UNEXPLORED.match(d.message) if d.severity == "remark" else None
            if m:
                result.unexplored.append((d.file, d.line, m.group("function")))
        errors = [d for d in result.diagnostics
                  if d.severity in ("error", "fatal error") and not d.check]
        if proc.returncode < 0:
            result.failure = "the compiler was killed by signal %d" % \
                -proc.returncode
        elif errors:
            result.failure = errors[0].message
        elif proc.returncode != 0 and not any(d.check for d in
                                              result.diagnostics):
            result.failure = "the compiler exited with status %d" % \
                proc.returncode
        return result


# ---------------------------------------------------------------------------
# Findings, baselines and the three report formats.

def relative(path, root):
    if path is None:
        return None
    rel = os.path.relpath(path, root)
    return path if rel.startswith("..") else rel


def source_line(path, line, cache):
    if path not in cache:
        try:
            with open(path, errors="replace") as f:
                cache[path] = f.read().splitlines()
        except OSError:
            cache[path] = []
    lines = cache[path]
    return lines[line - 1] if 0 < line <= len(lines) else ""


def fingerprint(diagnostic, root, cache):
    """Stable across unrelated edits: the file, the check, the message and
    the text of the line, but not the line number."""
    text = " ".join(source_line(diagnostic.file, diagnostic.line,
                                cache).split())
    data = "\0".join([relative(diagnostic.file, root) or "",
                      diagnostic.check, diagnostic.message, text])
    return hashlib.sha256(data.encode()).hexdigest()[:32]


def read_baseline(path):
    """Fingerprints from a baseline, a JSON report or a SARIF log."""
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as error:
        fail("cannot read baseline '%s': %s" % (path, error))
    prints = []
    if isinstance(data, dict) and "runs" in data:
        for run in data["runs"] or []:
            for result in run.get("results", []):
                value = result.get("partialFingerprints", {}).get(
                    FINGERPRINT_KEY)
                if value:
                    prints.append(value)
    elif isinstance(data, dict) and "findings" in data:
        prints = [f["fingerprint"] for f in data["findings"]
                  if "fingerprint" in f]
    else:
        fail("'%s' is not a pyrefleak baseline, JSON report or SARIF log" %
             path)
    counts = {}
    for value in prints:
        counts[value] = counts.get(value, 0) + 1
    return counts


def check_catalog():
    """Check names and summaries, read from IssueKinds.def."""
    for path in (os.path.join(HERE, "IssueKinds.def"),
                 os.path.join(HERE, "..", "clang-plugin", "include",
                              "pyrefleak", "IssueKinds.def")):
        try:
            with open(path) as f:
                text = f.read()
        except OSError:
            continue
        rows = re.findall(r'^PYREFLEAK_CHECK\(\s*(\w+),\s*"([^"]+)",\s*'
                          r'((?:"[^"]*"\s*)+)\)', text, re.M)
        return [("pyrefleak-" + name, enum,
                 "".join(re.findall(r'"([^"]*)"', summary)))
                for enum, name, summary in rows]
    return []


def finding_json(d, root):
    return {
        "check": d.check,
        "severity": d.severity,
        "file": relative(d.file, root),
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "notes": [{"file": relative(f, root), "line": l, "column": c,
                   "message": m} for f, l, c, m in d.notes],
        "fixes": [{"file": relative(f, root), "range": list(r),
                   "text": t} for f, r, t in d.fixits],
        "fingerprint": d.fingerprint,
    }


def json_report(findings, results, root, counts):
    return {
        "version": 1,
        "tool": "pyrefleak",
        "root": root,
        "findings": [finding_json(d, root) for d in findings],
        "translationUnits": [{
            "file": relative(r.unit.file, root),
            "status": "failed" if r.failure else "checked",
            "failure": r.failure,
            "exitCode": r.exit_code,
            "droppedOptions": r.dropped,
            "unexplored": [{"file": relative(f, root), "line": l,
                            "function": name}
                           for f, l, name in r.unexplored],
        } for r in results],
        "summary": counts,
    }


def sarif_location(path, line, column, root, message=None):
    rel = relative(path, root)
    artifact = {"uri": rel.replace(os.sep, "/")}
    if not os.path.isabs(rel):
        artifact["uriBaseId"] = "SRCROOT"
    else:
        artifact = {"uri": "file://" + rel}
    location = {"physicalLocation": {"artifactLocation": artifact}}
    if line > 0:
        region = {"startLine": line}
        if column > 0:
            region["startColumn"] = column
        location["physicalLocation"]["region"] = region
    if message is not None:
        location["message"] = {"text": message}
    return location


def sarif_fixes(d, root):
    """Clang's fix-its for the finding, as one SARIF fix."""
    changes = {}
    for path, (l1, c1, l2, c2), text in d.fixits:
        artifact = sarif_location(path, 0, 0, root)["physicalLocation"][
            "artifactLocation"]
        change = changes.setdefault(path, {"artifactLocation": artifact,
                                           "replacements": []})
        change["replacements"].append({
            "deletedRegion": {"startLine": l1, "startColumn": c1,
                              "endLine": l2, "endColumn": c2},
            "insertedContent": {"text": text}})
    if not changes:
        return []
    return [{"description": {"text": "apply the suggested change"},
             "artifactChanges": list(changes.values())}]


def sarif_report(findings, results, root, catalog):
    rules = [{"id": check, "name": name,
              "shortDescription": {"text": summary},
              "defaultConfiguration": {"level": "warning"}}
             for check, name, summary in catalog]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    for d in findings:
        if d.check not in index:
            index[d.check] = len(rules)
            rules.append({"id": d.check, "name": d.check,
                          "shortDescription": {"text": d.check}})
    sarif_results = []
    for d in findings:
        result = {
            "ruleId": d.check,
            "ruleIndex": index[d.check],
            "level": "error" if d.severity == "error" else "warning",
            "message": {"text": d.message},
            "locations": [sarif_location(d.file, d.line, d.column, root)],
            "partialFingerprints": {FINGERPRINT_KEY: d.fingerprint},
        }
        related = [sarif_location(f, l, c, root, m)
                   for f, l, c, m in d.notes if f]
        for i, location in enumerate(related):
            location["id"] = i
        if related:
            result["relatedLocations"] = related
        fixes = sarif_fixes(d, root)
        if fixes:
            result["fixes"] = fixes
        sarif_results.append(result)
    notifications = []
    for r in results:
        if not r.failure:
            continue
        notifications.append({
            "level": "error",
            "message": {"text": "%s: %s" % (relative(r.unit.file, root),
                                            r.failure)},
            "locations": [sarif_location(r.unit.file, 0, 0, root)],
        })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pyrefleak", "rules": rules}},
            "originalUriBaseIds": {
                "SRCROOT": {"uri": "file://" + root.rstrip("/") + "/"}},
            "invocations": [{
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }],
            "results": sarif_results,
        }],
    }


def check_matches(check, patterns):
    short = check[len("pyrefleak-"):]
    return any(fnmatch.fnmatchcase(check, p) or fnmatch.fnmatchcase(short, p)
               for p in patterns)


# ---------------------------------------------------------------------------
# Progress and the text report.

class Progress:
    """One self-erasing line on a terminal: [=====>   ] 12/40 file.c."""

    def __init__(self, total, enabled):
        self.total = total
        self.done = 0
        self.enabled = enabled and total > 0
        self.width = shutil.get_terminal_size((80, 20)).columns

    def clear(self):
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def step(self, name):
        self.done += 1
        if not self.enabled:
            return
        bar = 24
        filled = bar * self.done // self.total
        text = "[%s%s] %d/%d %s" % ("=" * filled, " " * (bar - filled),
                                    self.done, self.total, name)
        sys.stderr.write("\r\033[K" + text[:self.width - 1])
        sys.stderr.flush()


def text_block(result, shown, root):
    """The unit's output as one block: its new findings (each with its notes
    and source lines) or why it could not be checked."""
    lines = []
    if result.failure:
        lines.append("pyrefleak scan: %s: not checked: %s" %
                     (display_path(result.unit.file), result.failure))
        for d in result.diagnostics:
            if d.severity in ("error", "fatal error") and not d.check:
                lines.extend(d.lines)
    for d in shown:
        lines.extend(d.lines)
    return "\n".join(lines)


# ---------------------------------------------------------------------------

def default_cc():
    candidate = os.path.normpath(os.path.join(HERE, "..", "..", "bin",
                                              "pyrefleak-cc"))
    if os.access(candidate, os.X_OK):
        return candidate
    return shutil.which("pyrefleak-cc") or "pyrefleak-cc"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="pyrefleak scan",
        description="Check every C source of a project for CPython "
                    "reference-counting errors, from its compile_commands.json.",
        epilog="Exit status: 0 clean, 1 findings (of --fail-on checks, not "
               "in --baseline), 2 a translation unit could not be checked.")
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="only these files, directories or globs")
    parser.add_argument("-p", dest="database", metavar="PATH",
                        help="build directory or compile_commands.json "
                             "(default: the nearest one above the working "
                             "directory)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="translation units checked at once (default: "
                             "%(default)s)")
    parser.add_argument("--format", choices=("text", "json", "sarif"),
                        default="text")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the report here instead of stdout")
    parser.add_argument("--baseline", metavar="FILE",
                        help="report only findings not in this baseline "
                             "(written by --write-baseline; a JSON or SARIF "
                             "report works too)")
    parser.add_argument("--write-baseline", metavar="FILE",
                        help="save every finding of this scan as a baseline")
    parser.add_argument("--fail-on", default="*", metavar="CHECKS",
                        help="comma-separated checks (globs) whose findings "
                             "make the exit status 1; 'none' for none "
                             "(default: all)")
    parser.add_argument("--checks", metavar="GLOBS",
                        help="enable or disable checks, clang-tidy style "
                             "('-*,pyrefleak-leak')")
    parser.add_argument("--rules", action="append", default=[],
                        metavar="FILE", help="an extra rules file")
    parser.add_argument("--write-rules", metavar="FILE",
                        help="write the summaries inferred for the project's "
                        "exported functions as a rules file, for "
                        "pyrefleak-cc --pyrefleak-rules and pyrefleak-clangd")
    parser.add_argument("--no-project-summaries", dest="project_summaries",
                        action="store_false",
                        help="check each source with its own functions' "
                        "summaries only (one compile per source, not two)")
    parser.add_argument("--exclude", action="append", default=[],
                        metavar="GLOB", help="skip matching sources")
    parser.add_argument("--extra-arg", action="append", default=[],
                        metavar="ARG",
                        help="append to every compile command")
    parser.add_argument("--extra-arg-before", action="append", default=[],
                        metavar="ARG",
                        help="prepend to every compile command")
    parser.add_argument("--root", help="paths in reports and baselines are "
                                       "relative to this (default: the git "
                                       "checkout holding the database)")
    parser.add_argument("--pyrefleak-cc", default=os.environ.get(
        "PYREFLEAK_CC", default_cc()), help="the compiler to run")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="give up on a translation unit after this long")
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true",
                          default=None, help="show a progress bar")
    progress.add_argument("--no-progress", dest="progress",
                          action="store_false")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no summary line")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("-j needs a positive number")
    return args


RULE_NAME = re.compile(r"^\s*-?\s*(?:\{\s*)?name:\s*['\"]?([A-Za-z_]\w*)", re.M)


def rule_entries(text):
    """The entries of a rules file written by the plugin's summaries-out, as
    (name, text) pairs; that writer's layout is fixed, so no YAML library is
    needed."""
    body = text.split("functions:", 1)[1] if "functions:" in text else ""
    body = body.rsplit("\n...", 1)[0]
    entries = []
    for chunk in re.split(r"\n(?=  - name:)", body):
        match = RULE_NAME.search(chunk)
        if match:
            entries.append((match.group(1), chunk.strip("\n")))
    return entries


def project_summaries(runner, units, jobs, user_rules, directory):
    """Infers the summaries of every function the project's sources export
    (first pass: one compile per source, checks off) and merges them into
    one rules file. A name defined by two sources keeps the first source's
    summary (in file order); names the user's own rules describe are left
    to those rules. Returns the merged text and the number of entries."""
    taken = set()
    for path in user_rules:
        with open(path) as f:
            taken |= set(RULE_NAME.findall(f.read()))
    outputs = [os.path.join(directory, "unit%d.yaml" % i)
               for i in range(len(units))]

    def infer(i):
        extra = ["--pyrefleak-checks=-*",
                 "-fplugin-arg-pyrefleak-summaries-out=" + outputs[i]]
        runner.run(units[i], extra)

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        list(pool.map(infer, range(len(units))))
    merged = []
    for i in sorted(range(len(units)), key=lambda i: units[i].file):
        if not os.path.exists(outputs[i]):
            continue  # The source did not compile, or does not use Python.
        with open(outputs[i]) as f:
            for name, entry in rule_entries(f.read()):
                if name not in taken:
                    taken.add(name)
                    merged.append(entry)
    text = ("# Inferred by pyrefleak scan from the project's sources.\n"
            "functions:\n" + "".join(e + "\n" for e in merged))
    return text, len(merged)


def main(argv=None):
    args = parse_args(argv)
    database = find_database(args.database)
    units = load_units(database, args.sources, args.exclude)
    if not units:
        fail("no C sources to check in '%s'" % database)
    root = os.path.abspath(args.root) if args.root else \
        project_root(database, units)

    before = list(args.extra_arg_before)
    if args.checks:
        before.append("--pyrefleak-checks=" + args.checks)
    before += ["--pyrefleak-rules=" + os.path.abspath(r) for r in args.rules]
    runner = Runner(args.pyrefleak_cc, before, list(args.extra_arg),
                    args.timeout, display_path)
    summaries = 0
    if args.project_summaries or args.write_rules:
        tmp = tempfile.mkdtemp(prefix="pyrefleak-scan-")
        atexit.register(shutil.rmtree, tmp, True)
        text, summaries = project_summaries(runner, units, args.jobs,
                                            args.rules, tmp)
        rules_path = os.path.join(tmp, "project-rules.yaml")
        with open(rules_path, "w") as f:
            f.write(text)
        if args.write_rules:
            shutil.copyfile(rules_path, args.write_rules)
        if args.project_summaries and summaries:
            runner.extra_before = before + ["--pyrefleak-rules=" + rules_path]
    baseline = read_baseline(args.baseline) if args.baseline else None
    fail_on = [p.strip() for p in args.fail_on.split(",") if p.strip()]
    if fail_on == ["none"]:
        fail_on = []

    out = open(args.output, "w") if args.output else sys.stdout
    show_progress = args.progress
    if show_progress is None:
        show_progress = sys.stderr.isatty()
    progress = Progress(len(units), show_progress)

    seen = set()
    findings = []       # Every distinct finding, baseline or not.
    reported = []       # Findings not in the baseline.
    results = []
    cache = {}
    remaining = dict(baseline) if baseline else None
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(runner.run, u) for u in units]
        for future in concurrent.futures.as_completed(futures):
            result = future.result()
            results.append(result)
            shown = []
            for d in result.diagnostics:
                if not d.check or d.key() in seen:
                    continue  # Not ours, or a header seen by another unit.
                seen.add(d.key())
                d.fingerprint = fingerprint(d, root, cache)
                findings.append(d)
                if remaining is not None and remaining.get(d.fingerprint):
                    remaining[d.fingerprint] -= 1
                    continue
                reported.append(d)
                shown.append(d)
            progress.step(relative(result.unit.file, root))
            if args.format == "text":
                block = text_block(result, shown, root)
                if block:
                    progress.clear()
                    print(block, file=out, flush=True)
    progress.clear()

    key = (lambda d: (relative(d.file, root), d.line, d.column, d.check))
    findings.sort(key=key)
    reported.sort(key=key)
    results.sort(key=lambda r: r.unit.file)
    failed = [r for r in results if r.failure]
    counts = {"translationUnits": len(results), "failed": len(failed),
              "findings": len(findings), "reported": len(reported),
              "baseline": len(findings) - len(reported)}

    if args.format == "json":
        json.dump(json_report(reported, results, root, counts), out, indent=2)
        out.write("\n")
    elif args.format == "sarif":
        json.dump(sarif_report(reported, results, root, check_catalog()), out,
                  indent=2)
        out.write("\n")
    if out is not sys.stdout:
        out.close()

    if args.write_baseline:
        with open(args.write_baseline, "w") as f:
            json.dump(json_report(findings, results, root, counts), f,
                      indent=2)
            f.write("\n")

    failing = [d for d in reported if check_matches(d.check, fail_on)]
    if not args.quiet:
        parts = ["%d translation unit%s" % (len(results),
                                            "" if len(results) == 1 else "s"),
                 "%d finding%s" % (len(reported),
                                   "" if len(reported) == 1 else "s")]
        if baseline is not None:
            parts.append("%d in the baseline" % counts["baseline"])
        if failed:
            parts.append("%d not checked" % len(failed))
        if args.write_rules:
            parts.append("%d summar%s written to %s" %
                         (summaries, "y" if summaries == 1 else "ies",
                          args.write_rules))
        if args.write_baseline:
            parts.append("baseline of %d written to %s" %
                         (len(findings), args.write_baseline))
        print("pyrefleak scan: " + ", ".join(parts), file=sys.stderr)
    if failed:
        return 2
    if failing and not args.write_baseline:
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
