"""pytest plugin: which C sites leaked references during which test.

Load it with ``pytest -p pyrefleak.pytest_plugin``. For each test, the
ledger is read before setup and after the call and teardown phases; the
sites that leaked in between are listed in the terminal summary. Leaks in
setup count towards the call phase.

The runtime's own reports are kept out of the program's output: unless
PYREFLEAK_OPTIONS already names them, every process of the run (pytest and
the Python subprocesses its tests start) writes its text and JSON reports
to ``<report dir>/pyrefleak.<pid>.{log,json}``, and the leaks of the other
processes are summarised at the end.

Options and markers:
  --pyrefleak-fail                 fail a test whose call (or teardown)
                                   leaked unsuppressed references, and the
                                   run when nothing could be checked
  --pyrefleak-report-dir=DIR       where processes write their reports
                                   (default: a new temporary directory)
  @pytest.mark.pyrefleak_ignore    do not check this test
"""

import glob
import json
import os
import tempfile

import pytest

import pyrefleak


def pytest_addoption(parser):
    group = parser.getgroup("pyrefleak", "C reference leaks (pyrefleak)")
    group.addoption(
        "--pyrefleak-fail", action="store_true", default=False,
        help="fail tests during which instrumented C code leaked references, "
             "and the run if no instrumented module was loaded")
    group.addoption(
        "--pyrefleak-report-dir", default=None, metavar="DIR",
        help="directory for each process's pyrefleak reports")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "pyrefleak_ignore: do not check this test for C reference leaks")
    config.pluginmanager.register(LeakChecker(config), "pyrefleak-checker")


def _plural(n, one, many):
    return one if n == 1 else many


def _describe(changes):
    lines = []
    for change in changes:
        lines.append("  %d leaked %s at %s (%d cached, %d heap, %d bytes)" % (
            change.leaked_diff,
            _plural(change.leaked_diff, "reference", "references"),
            change.site, change.cached_diff, change.heap_diff,
            change.heap_bytes_diff))
        for caller, count in change.python_callers_diff:
            lines.append("    from Python: %s (%d)" % (caller, count))
    return lines


def _route_reports(directory):
    """Points the reports of every process started from now on (and of
    this one, whose runtime reads its options on first use) into
    `directory`, unless the user chose where they go."""
    options = os.environ.get("PYREFLEAK_OPTIONS", "")
    keys = {item.split("=", 1)[0].strip()
            for item in options.replace(",", ":").split(":") if "=" in item}
    extra = []
    if "log_path" not in keys:
        extra.append("log_path='%s'" % os.path.join(directory,
                                                     "pyrefleak.%p.log"))
    if "json_report" not in keys:
        extra.append("json_report='%s'" % os.path.join(directory,
                                                       "pyrefleak.%p.json"))
    if extra:
        os.environ["PYREFLEAK_OPTIONS"] = ":".join(
            ([options] if options else []) + extra)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    # Before any conftest imports an instrumented module: the runtime reads
    # its options once, when instrumented code first runs.
    directory = early_config.known_args_namespace.pyrefleak_report_dir or \
        tempfile.mkdtemp(prefix="pyrefleak-")
    os.makedirs(directory, exist_ok=True)
    _route_reports(directory)
    early_config._pyrefleak_report_dir = directory


class LeakChecker(object):
    def __init__(self, config):
        self.fail = config.getoption("pyrefleak_fail")
        self.report_dir = getattr(config, "_pyrefleak_report_dir", None)
        if self.report_dir is None:
            self.report_dir = config.getoption("pyrefleak_report_dir") or \
                tempfile.mkdtemp(prefix="pyrefleak-")
            os.makedirs(self.report_dir, exist_ok=True)
            _route_reports(self.report_dir)
        self.leaks = {}  # nodeid -> [SiteDiff], in test order
        self.problem = None
        self.before = None
        try:
            pyrefleak.load()
        except OSError as error:
            self.problem = "the runtime is missing: %s" % error

    def _leaks_since_before(self):
        now = pyrefleak.snapshot()
        changes = [c for c in now.compare_to(self.before)
                   if c.leaked_diff > 0 and not c.suppressed]
        self.before = now
        return changes

    def _nothing_checked(self):
        """Why no leak can have been seen in this process, if so."""
        if self.problem is not None:
            return self.problem
        if not pyrefleak.stats()["instrumented_objects"] and \
                not self._other_processes():
            return ("no instrumented module was loaded (build the extension "
                    "with CC=pyrefleak-cc PYREFLEAK_INSTRUMENT=1)")
        return None

    def _other_processes(self):
        """The JSON reports other processes of the run left, by pid."""
        reports = {}
        for path in glob.glob(os.path.join(self.report_dir,
                                           "pyrefleak.*.json")):
            try:
                with open(path, encoding="utf-8") as f:
                    report = json.load(f)
            except (OSError, ValueError):
                continue
            if report.get("pid") != os.getpid():
                reports[report.get("pid")] = report
        return reports

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item):
        if self.problem is None:
            self.before = pyrefleak.snapshot()
        yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        if self.problem is not None or self.before is None:
            return
        if call.when not in ("call", "teardown"):
            return
        changes = self._leaks_since_before()
        if not changes or item.get_closest_marker("pyrefleak_ignore"):
            return
        self.leaks.setdefault(item.nodeid, []).extend(changes)
        report = outcome.get_result()
        report.sections.append(
            ("pyrefleak", "\n".join(_describe(changes))))
        if not self.fail or not report.passed:
            return
        total = sum(c.leaked_diff for c in changes)
        report.outcome = "failed"
        report.longrepr = "\n".join(
            ["pyrefleak: %d owned %s leaked by C code during %s" % (
                total, _plural(total, "reference", "references"),
                call.when)] + _describe(changes))

    def pytest_sessionfinish(self, session, exitstatus):
        if self.fail and self._nothing_checked() and exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        writer = terminalreporter
        problem = self._nothing_checked()
        if problem is not None:
            writer.write_sep("=", "pyrefleak: NOTHING CHECKED", red=True,
                             bold=True)
            writer.write_line("pyrefleak: not checking: %s" % problem,
                              red=True)
            if self.fail:
                writer.write_line("pyrefleak: --pyrefleak-fail: the run "
                                  "fails", red=True)
            return
        others = self._other_processes()
        if self.leaks:
            writer.write_sep("=", "pyrefleak: C reference leaks per test")
            for nodeid, changes in self.leaks.items():
                total = sum(c.leaked_diff for c in changes)
                writer.write_line("%s: %d leaked %s" % (
                    nodeid, total, _plural(total, "reference", "references")))
                for line in _describe(changes):
                    writer.write_line(line)
        leaky = {pid: r for pid, r in others.items()
                 if r.get("leaked_references")}
        if leaky:
            writer.write_sep("=", "pyrefleak: C reference leaks in other "
                                  "processes")
            for pid, report in sorted(leaky.items()):
                total = report["leaked_references"]
                writer.write_line("process %s: %d leaked %s" % (
                    pid, total, _plural(total, "reference", "references")))
                for leak in report["leaks"]:
                    writer.write_line("  %d leaked %s at %s:%d:%d in %s (%s)" % (
                        leak["leaked_references"],
                        _plural(leak["leaked_references"], "reference",
                                "references"),
                        leak["file"], leak["line"], leak["column"],
                        leak["function"], leak["api"]))
                    for caller in leak.get("python_callers", ()):
                        writer.write_line("    from Python: %s at %s:%d (%d)"
                                          % (caller["function"],
                                             caller["file"], caller["line"],
                                             caller["count"]))
        if self.leaks or leaky:
            writer.write_line("pyrefleak: reports of every process are in %s"
                              % self.report_dir)
