"""pyrefleak.pytest_plugin on a real extension, in a pytest subprocess."""

import re

import pytest

TESTS = '''
import pytest
import rtmod

def test_leaky():
    rtmod.leak_ints(1000, 3)

def test_clean():
    rtmod.clean_ints(1000, 3)

@pytest.mark.pyrefleak_ignore
def test_ignored():
    rtmod.leak_none(2)

@pytest.fixture
def leaky_fixture():
    rtmod.leak_object([], 1)     # setup: counted with the call
    yield
    rtmod.leak_none(4)           # teardown

def test_with_fixture(leaky_fixture):
    pass
'''


@pytest.fixture
def pytest_run(run, rtmod, tmp_path):
    (tmp_path / "test_generated.py").write_text(TESTS)

    def pytest_run(*args):
        return run(argv=["/usr/bin/python3", "-m", "pytest", "-p",
                         "pyrefleak.pytest_plugin", "-p", "no:cacheprovider",
                         "-rA", "test_generated.py"] + list(args),
                   modules=[rtmod], json_report=False, cwd=str(tmp_path))

    return pytest_run


def summary_of(output):
    """The plugin's section of the terminal summary."""
    start = output.index("pyrefleak: C reference leaks per test")
    return output[start:output.index("short test summary info", start)]


def test_reports_leaks_per_test(pytest_run, rtmod):
    r = pytest_run()
    assert r.returncode == 0, r.stdout + r.stderr
    assert "4 passed" in r.stdout
    summary = summary_of(r.stdout)
    assert re.search(
        r"^test_generated.py::test_leaky: 3 leaked references\n"
        r"  3 leaked references at .*/rtmod.c:%d:1 in leak_ints "
        r"\(PyLong_FromLong\) \(0 cached, 3 heap, 84 bytes\)$"
        % rtmod.line("leak_ints"), summary, re.M)
    assert re.search(
        r"^test_generated.py::test_with_fixture: 5 leaked references\n"
        r"  1 leaked reference at .*rtmod.c:%d:1 in leak_object .*\n"
        r"    from Python: leaky_fixture at .*test_generated.py:17 \(1\)\n"
        r"  4 leaked references at .*rtmod.c:%d:1 in leak_none .*\n"
        r"    from Python: leaky_fixture at .*test_generated.py:19 \(4\)$"
        % (rtmod.line("leak_object"), rtmod.line("leak_none")), summary, re.M)
    assert "test_clean" not in summary
    assert "test_ignored" not in summary


def test_fail_option(pytest_run):
    r = pytest_run("--pyrefleak-fail")
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout
    assert re.search(r"^FAILED test_generated.py::test_leaky", out, re.M)
    assert re.search(r"^FAILED test_generated.py::test_with_fixture", out,
                     re.M)
    assert re.search(r"^ERROR test_generated.py::test_with_fixture", out,
                     re.M)  # the teardown leak
    assert re.search(r"^PASSED test_generated.py::test_clean", out, re.M)
    assert re.search(r"^PASSED test_generated.py::test_ignored", out, re.M)
    assert "pyrefleak: 3 owned references leaked by C code during call" in out
    assert "pyrefleak: 4 owned references leaked by C code during teardown" \
        in out


def test_per_test_output_and_reports_of_other_processes(run, rtmod,
                                                         tmp_path):
    # A test that compares a subprocess's stderr still passes: the child's
    # report goes to the report directory, and its leaks to the summary.
    (tmp_path / "test_child.py").write_text('''
import subprocess, sys
import rtmod

def test_child_stderr_is_clean():
    out = subprocess.run([sys.executable, "-c",
                          "import rtmod; rtmod.leak_none(2)"],
                         capture_output=True, text=True)
    assert out.stderr == ""

def test_leaky():
    rtmod.leak_none(1)
''')
    reports = tmp_path / "reports"
    r = run(argv=["/usr/bin/python3", "-m", "pytest", "-p",
                  "pyrefleak.pytest_plugin", "-p", "no:cacheprovider", "-rA",
                  "--pyrefleak-report-dir=%s" % reports, "test_child.py"],
            modules=[rtmod], json_report=False, cwd=str(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2 passed" in r.stdout
    assert re.search(r"^process \d+: 2 leaked references\n"
                     r"  2 leaked references at .*rtmod.c:%d:1 in leak_none"
                     % rtmod.line("leak_none"), r.stdout, re.M)
    # Per test, in the test's own report too.
    assert re.search(r"-+ pyrefleak -+\n  1 leaked reference at .*leak_none",
                     r.stdout)
    assert "pyrefleak: reports of every process are in %s" % reports \
        in r.stdout
    assert len(list(reports.glob("pyrefleak.*.json"))) == 2


@pytest.mark.parametrize("case", ["no-instrumented-module", "no-runtime"])
def test_nothing_checked_is_loud(run, rtmod, tmp_path, case):
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    pass\n")
    env = {}
    if case == "no-runtime":
        env["PYREFLEAK_RUNTIME"] = str(tmp_path / "missing" /
                                       "libpyrefleak_rt.so")
    argv = ["/usr/bin/python3", "-m", "pytest", "-p", "pyrefleak.pytest_plugin",
            "-p", "no:cacheprovider", "test_plain.py"]
    if case == "no-runtime":
        # The package finds no runtime: neither loaded, nor beside it.
        argv = ["/usr/bin/python3", "-c",
                "import pyrefleak, sys, pytest; "
                "pyrefleak._package_relative_path = lambda: '/nonexistent'; "
                "sys.exit(pytest.main(sys.argv[1:]))"] + argv[3:]
    r = run(argv=argv, env=env, json_report=False, cwd=str(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "pyrefleak: NOTHING CHECKED" in r.stdout
    expected = ("no instrumented module was loaded"
                if case == "no-instrumented-module"
                else "the runtime is missing")
    assert "pyrefleak: not checking: " + expected in r.stdout
    failing = run(argv=argv + ["--pyrefleak-fail"], env=env,
                  json_report=False, cwd=str(tmp_path))
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "--pyrefleak-fail: the run fails" in failing.stdout
