"""pytest plugin: which C sites leaked references during which test.

Load it with ``pytest -p pyrefleak.pytest_plugin``. For each test, the
ledger is read before setup and after the call and teardown phases; the
sites that leaked in between are listed in the terminal summary. Leaks in
setup count towards the call phase.

Options and markers:
  --pyrefleak-fail                 fail a test whose call (or teardown)
                                   leaked unsuppressed references
  @pytest.mark.pyrefleak_ignore    do not check this test
"""

import pytest

import pyrefleak


def pytest_addoption(parser):
    group = parser.getgroup("pyrefleak", "C reference leaks (pyrefleak)")
    group.addoption(
        "--pyrefleak-fail", action="store_true", default=False,
        help="fail tests during which instrumented C code leaked references")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "pyrefleak_ignore: do not check this test for C reference leaks")
    config.pluginmanager.register(LeakChecker(config), "pyrefleak-checker")


def _describe(changes):
    lines = []
    for change in changes:
        lines.append("  %d leaked %s at %s (%d cached, %d heap, %d bytes)" % (
            change.leaked_diff,
            "reference" if change.leaked_diff == 1 else "references",
            change.site, change.cached_diff, change.heap_diff,
            change.heap_bytes_diff))
    return lines


class LeakChecker(object):
    def __init__(self, config):
        self.fail = config.getoption("pyrefleak_fail")
        self.leaks = {}  # nodeid -> [SiteDiff], in test order
        self.problem = None
        self.before = None
        try:
            pyrefleak.load()
        except OSError as error:
            self.problem = str(error)

    def _leaks_since_before(self):
        now = pyrefleak.snapshot()
        changes = [c for c in now.compare_to(self.before)
                   if c.leaked_diff > 0 and not c.suppressed]
        self.before = now
        return changes

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
        if not self.fail or not report.passed:
            return
        total = sum(c.leaked_diff for c in changes)
        report.outcome = "failed"
        report.longrepr = "\n".join(
            ["pyrefleak: %d owned %s leaked by C code during %s" % (
                total, "reference" if total == 1 else "references",
                call.when)] + _describe(changes))

    def pytest_terminal_summary(self, terminalreporter):
        writer = terminalreporter
        if self.problem is not None:
            writer.write_sep("=", "pyrefleak")
            writer.write_line("pyrefleak: not checking: %s" % self.problem)
            return
        if not self.leaks:
            return
        writer.write_sep("=", "pyrefleak: C reference leaks per test")
        for nodeid, changes in self.leaks.items():
            total = sum(c.leaked_diff for c in changes)
            writer.write_line("%s: %d leaked %s" % (
                nodeid, total, "reference" if total == 1 else "references"))
            for line in _describe(changes):
                writer.write_line(line)
