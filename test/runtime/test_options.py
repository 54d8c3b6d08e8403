"""PYREFLEAK_OPTIONS and __pyrefleak_default_options (runtime/lib/flags.inc)."""

import os
import re

from conftest import BANNER, HERE, SUMMARY

FLAGS_INC = os.path.join(HERE, "..", "..", "runtime", "lib", "flags.inc")
LEAKY = """
import rtmod
rtmod.leak_ints(1000, 5)
rtmod.leak_none(4)
rtmod.lifo()
"""


def flag_names():
    with open(FLAGS_INC) as f:
        return re.findall(r"^PYREFLEAK_FLAG\([^,]+,\s*(\w+),", f.read(), re.M)


def test_help_lists_every_flag(run, rtmod):
    r = run("import rtmod", [rtmod], options="help=1:max_reports=3")
    assert r.returncode == 0, r.stderr
    assert "Available flags for pyrefleak" in r.stderr
    names = flag_names()
    assert {"log_path", "json_report", "exitcode", "report_at_exit",
            "suppressions", "print_stacks", "max_reports",
            "verbosity"} <= set(names)
    for name in names:
        assert re.search(r"^\t%s\n\t\t- .+\(default: .*, current: .*\)$"
                         % name, r.stderr, re.M), name
    assert re.search(r"^\tmax_reports\n.*default: 20, current: 3\)$",
                     r.stderr, re.M)


def test_unknown_and_bad_flags_are_warned_about(run, rtmod):
    r = run(LEAKY, [rtmod],
            options="no_such_flag=1 exitcode=abc:print_stacks:max_reports=1")
    assert r.returncode == 0
    assert re.search(r"^==\d+==WARNING: pyrefleak: unknown flag "
                     r"'no_such_flag' in PYREFLEAK_OPTIONS", r.stderr, re.M)
    assert re.search(r"WARNING: pyrefleak: bad value 'abc' for flag "
                     r"'exitcode'", r.stderr)
    assert re.search(r"WARNING: pyrefleak: 'print_stacks' in "
                     r"PYREFLEAK_OPTIONS has no '=value'", r.stderr)
    # The valid flags around them still apply.
    assert "more leaking sites not shown (max_reports=1)" in r.stderr


def test_log_path(run, rtmod, tmp_path):
    prefix = str(tmp_path / "sub dir:x" / "leaks")
    os.makedirs(os.path.dirname(prefix))
    r = run(LEAKY + "import os; print(os.getpid())", [rtmod],
            options="log_path='%s'" % prefix)
    assert r.returncode == 0, r.stderr
    assert not BANNER.search(r.stderr)
    with open("%s.%s" % (prefix, r.stdout.strip())) as f:
        text = f.read()
    assert BANNER.search(text)
    assert SUMMARY.search(text).groups() == ("10", "3")


def test_log_path_with_pid(run, rtmod, tmp_path):
    # Like the sanitizers' log_path: '%p' is where the pid goes.
    r = run(LEAKY + "import os; print(os.getpid())", [rtmod],
            options="log_path=%s" % (tmp_path / "leaks-%p.txt"))
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    with open(str(tmp_path / ("leaks-%s.txt" % r.stdout.strip()))) as f:
        assert SUMMARY.search(f.read()).groups() == ("10", "3")


def test_values_out_of_range_are_errors(run, rtmod):
    r = run(LEAKY, [rtmod], options="max_reports=-3:stack_depth=100")
    assert re.search(r"^==\d+==ERROR: pyrefleak: flag 'max_reports' in "
                     r"PYREFLEAK_OPTIONS is -3, out of its range "
                     r"\[0, 2147483647\]; using its default$", r.stderr, re.M)
    assert re.search(r"ERROR: pyrefleak: flag 'stack_depth' in "
                     r"PYREFLEAK_OPTIONS is 100, out of its range \[1, 32\]",
                     r.stderr)
    # The defaults apply: 8 frames kept, every site shown.
    assert "    #7 0x" in r.stderr or "    #1 0x" in r.stderr
    assert len(re.findall(r"created by", r.stderr)) == 3


def test_exitcode(run, rtmod):
    assert run(LEAKY, [rtmod]).returncode == 0
    r = run(LEAKY + "print('done')", [rtmod], options="exitcode=23")
    assert r.returncode == 23
    assert r.stdout == "done\n"  # flushed before the forced exit
    assert r.report["leaked_references"] == 10  # JSON written first
    clean = run("import rtmod; rtmod.clean_ints(1000, 5)", [rtmod],
                options="exitcode=23")
    assert clean.returncode == 0
    # A script's own status is kept when nothing leaked.
    assert run("import rtmod, sys; sys.exit(4)", [rtmod],
               options="exitcode=23").returncode == 4


def test_max_reports(run, rtmod):
    r = run(LEAKY, [rtmod], options="max_reports=2")
    entries = re.findall(r"^  \d+ references? created by", r.stderr, re.M)
    assert len(entries) == 2
    assert "  ... 1 more leaking site not shown (max_reports=2)" in r.stderr
    assert SUMMARY.search(r.stderr).groups() == ("10", "3")
    everything = run(LEAKY, [rtmod], options="max_reports=0")
    assert len(re.findall(r"created by", everything.stderr)) == 3


def test_report_at_exit_and_print_stacks(run, rtmod):
    quiet = run(LEAKY, [rtmod], options="report_at_exit=0")
    assert quiet.stderr == ""
    assert quiet.report["leaked_references"] == 10
    nostacks = run(LEAKY, [rtmod], options="print_stacks=0")
    assert BANNER.search(nostacks.stderr)
    assert "#0 " not in nostacks.stderr
    assert all(l["stack"] == [] for l in nostacks.report["leaks"])
    deep = run(LEAKY, [rtmod], options="stack_depth=2")
    assert "    #1 0x" in deep.stderr and "    #2 0x" not in deep.stderr


def test_verbosity(run, rtmod):
    r = run("import rtmod; rtmod.clean_ints(1, 3)", [rtmod],
            options="verbosity=1")
    assert re.search(r"^==\d+==pyrefleak: runtime initialized", r.stderr,
                     re.M)
    assert re.search(r"^==\d+==pyrefleak: no leaks found at exit$", r.stderr,
                     re.M)
    assert run("import rtmod; rtmod.clean_ints(1, 3)", [rtmod]).stderr == ""


def test_default_options_from_an_extension(run, compile_c):
    defaults = compile_c("defaults", ["defaults.c"])
    code = "import defaults; defaults.leak_three_sites()"
    r = run(code, [defaults])
    assert "more leaking sites not shown (max_reports=1)" in r.stderr
    assert "#0 " not in r.stderr
    # The environment is applied on top of the defaults.
    r = run(code, [defaults], options="max_reports=0")
    assert len(re.findall(r"created by PyList_New", r.stderr)) == 3
    assert "#0 " not in r.stderr


def test_runtime_without_python(run, compile_c):
    program = compile_c("nopython", ["nopython.c"], program=True)
    r = run(argv=[program.path])
    assert r.returncode == 0, r.stderr
    assert r.stdout == "live=0 sites=1\n"
    [leak] = r.report["leaks"]
    assert (leak["function"], leak["api"], leak["line"]) == (
        "work", "make_thing", program.line("work"))
    assert leak["leaked_references"] == leak["unclassified_references"] == 5
    assert leak["types"] == {}
    assert "5 unclassified (no Python in the process)" in r.stderr
    assert SUMMARY.search(r.stderr).groups() == ("5", "1")
    assert run(argv=[program.path], options="exitcode=9").returncode == 9


def test_default_options_from_the_program(run, compile_c):
    program = compile_c("nopython_defaults", ["nopython.c"], program=True,
                        flags=['-DDEFAULT_OPTIONS="exitcode=7"'])
    assert run(argv=[program.path]).returncode == 7
    assert run(argv=[program.path], options="exitcode=0").returncode == 0
