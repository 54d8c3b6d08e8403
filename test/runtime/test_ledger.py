"""Ownership semantics of the hooks: what counts as a leak, and exactly how
many. Each test drives Inputs/rtmod.c in a fresh interpreter and reads the
JSON report written at exit."""

import pytest

from conftest import PYTHON_DBG


def test_cached_ints_are_counted_exactly(run, rtmod):
    r = run("""
import rtmod
for _ in range(400):
    assert len(rtmod.leak_ints(1, 255)) == 255
    assert len(rtmod.clean_ints(1, 255)) == 255
""", [rtmod])
    assert r.returncode == 0, r.stderr
    [leak] = r.leaks(line=rtmod.line("leak_ints"))
    assert leak["function"] == "leak_ints"
    assert leak["api"] == "PyLong_FromLong"
    assert leak["leaked_references"] == 102000
    assert leak["cached_references"] == 102000
    assert leak["heap_references"] == 0
    assert leak["heap_bytes"] == 0
    assert leak["types"] == {"int": 102000}
    assert leak["static_finding"] is True
    assert r.leaks(function="clean_ints") == []
    assert r.report["leaked_references"] == 102000


def test_heap_ints_and_the_cache_boundary(run, rtmod):
    r = run("""
import rtmod
for _ in range(10):
    rtmod.leak_ints(1000, 300)   # all heap
rtmod.leak_ints(250, 10)         # 250..256 cached, 257..259 heap
rtmod.leak_ints(-8, 4)           # -8..-6 heap, -5 cached
""", [rtmod])
    assert r.returncode == 0, r.stderr
    [leak] = r.leaks(function="leak_ints")
    assert leak["leaked_references"] == 3014
    assert leak["cached_references"] == 7 + 1
    assert leak["heap_references"] == 3000 + 3 + 3
    # One 30-bit digit each: PyLong's basic size plus one digit.
    assert leak["heap_bytes"] == 3006 * 28
    assert leak["types"] == {"int": 3014}


@pytest.mark.parametrize("python", ["release", "malloc", "debug"])
def test_counts_do_not_depend_on_the_interpreter_build(run, rtmod, compile_c,
                                                       python):
    module, interpreter, env = rtmod, None, {}
    if python == "malloc":
        env = {"PYTHONMALLOC": "malloc"}
    if python == "debug":
        module = compile_c("rtmod", ["rtmod.c"], python=PYTHON_DBG)
        interpreter = PYTHON_DBG
    code = """
import rtmod
for _ in range(40):
    rtmod.leak_ints(1, 255)
    rtmod.leak_ints(1000, 10)
rtmod.leak_none(3)
"""
    kwargs = {"python": interpreter} if interpreter else {}
    r = run(code, [module], env=env, **kwargs)
    assert r.returncode == 0, r.stderr
    [leak] = r.leaks(function="leak_ints")
    assert (leak["leaked_references"], leak["cached_references"],
            leak["heap_references"]) == (10600, 10200, 400)
    [none] = r.leaks(function="leak_none")
    assert none["leaked_references"] == 3
    assert none["types"] == {"NoneType": 3}


def test_unmatched_incref_of_none(run, rtmod):
    r = run("import rtmod; rtmod.leak_none(7); rtmod.leak_none(0)", [rtmod])
    [leak] = r.leaks(line=rtmod.line("leak_none"))
    assert leak["api"] == "Py_INCREF"
    assert leak["leaked_references"] == leak["cached_references"] == 7
    assert leak["types"] == {"NoneType": 7}


def test_leak_on_the_error_path_only(run, rtmod):
    r = run("""
import rtmod
for fail in [True, False, True, False, False, True]:
    try:
        assert rtmod.error_path(fail) == [1000]
    except ValueError:
        assert fail
print(list.__basicsize__)
""", [rtmod])
    assert r.returncode == 0, r.stderr
    basicsize = int(r.stdout)
    [leak] = r.leaks(function="error_path")
    assert leak["line"] == rtmod.line("error_path")
    assert leak["api"] == "PyList_New"
    assert leak["leaked_references"] == leak["heap_references"] == 3
    assert leak["heap_bytes"] == 3 * basicsize
    assert leak["types"] == {"list": 3}


def test_references_stored_in_globals_and_fields_escape(run, rtmod):
    r = run("""
import rtmod
for i in range(100):
    rtmod.store(i)
""", [rtmod])
    assert r.returncode == 0, r.stderr
    assert r.leaks(function="store") == []
    assert r.report["leaks"] == []


def test_stolen_references_do_not_leak(run, rtmod):
    r = run("""
import rtmod
assert rtmod.steal_items(50) == [i * 1000 for i in range(50)]
""", [rtmod])
    assert r.returncode == 0, r.stderr
    assert r.report["leaks"] == []


def test_steal_on_success_status(run, rtmod):
    r = run("""
import rtmod
rtmod.add_object(rtmod, 7000)        # stolen: no leak
assert rtmod.added == 7000
for _ in range(3):
    try:
        rtmod.add_object(42, 8000)   # not a module: fails, not stolen
    except TypeError:
        pass
""", [rtmod])
    assert r.returncode == 0, r.stderr
    [leak] = r.leaks(function="add_object")
    assert leak["line"] == rtmod.line("add_object")
    assert leak["leaked_references"] == leak["heap_references"] == 3


def test_steal_on_success_object(run, rtmod):
    r = run("""
import rtmod
assert rtmod.settle_object(False) == (2.5,)
assert rtmod.settle_object(True) is None
assert rtmod.settle_object(False) == (2.5,)
""", [rtmod])
    assert r.returncode == 0, r.stderr
    [leak] = r.leaks(function="settle_object")
    assert leak["line"] == rtmod.line("settle_object")
    assert leak["leaked_references"] == 1
    assert leak["types"] == {"float": 1}


def test_a_callee_cannot_release_its_callers_obligation(run, rtmod):
    r = run("import rtmod; rtmod.caller_owned(); rtmod.caller_owned()",
            [rtmod])
    [leak] = r.leaks(function="caller_owned")
    assert leak["line"] == rtmod.line("caller_owned")
    assert leak["leaked_references"] == 2
    assert r.leaks(function="release_in_callee") == []


def test_release_discharges_the_newest_obligation(run, rtmod):
    r = run("import rtmod; rtmod.lifo()", [rtmod])
    [leak] = r.leaks(function="lifo")
    assert leak["line"] == rtmod.line("lifo_first")
    assert leak["types"] == {"ellipsis": 1}


def test_each_recursion_level_is_its_own_frame(run, rtmod):
    r = run("import rtmod; assert rtmod.recurse(10) == 5", [rtmod])
    [leak] = r.leaks(function="recurse_depth")
    assert leak["line"] == rtmod.line("recurse")
    assert leak["leaked_references"] == 5


def test_many_open_obligations_released_oldest_first(run, rtmod):
    r = run("""
import rtmod, pyrefleak
rtmod.hold_many(100000, 0)
rtmod.hold_many(20000, 100)
assert pyrefleak.stats()["live_obligations"] == 0
""", [rtmod])
    assert r.returncode == 0, r.stderr
    [leak] = r.leaks(function="hold_many")
    assert leak["leaked_references"] == 200
    assert leak["types"] == {"float": 200}


KINDS = [
    # (type, cached) of each leak in leak_kinds, in source order
    ("int", True), ("int", True), ("int", False), ("int", False),
    ("bool", True), ("tuple", True), ("tuple", False), ("str", True),
    ("str", True), ("str", True), ("str", False), ("str", False),
    ("bytes", True), ("bytes", False), ("float", False),
    ("NotImplementedType", True),
]


def test_classification_of_each_kind(run, rtmod):
    r = run("import rtmod; rtmod.leak_kinds()", [rtmod])
    assert r.returncode == 0, r.stderr
    leaks = sorted(r.leaks(function="leak_kinds"), key=lambda l: l["line"])
    assert len(leaks) == len(KINDS)
    for leak, (type_name, cached) in zip(leaks, KINDS):
        assert leak["types"] == {type_name: 1}, leak
        assert leak["cached_references"] == int(cached), leak
        assert leak["heap_references"] == int(not cached), leak
        assert (leak["heap_bytes"] > 0) == (not cached), leak


def test_heap_bytes_come_from_the_object_layout(run, rtmod):
    r = run("""
import sys, rtmod
objects = {"tuple": (1, 2, 3, 4, 5), "int": 10 ** 40, "bytes": b"x" * 100,
           "list": [1, 2, 3]}
for o in objects.values():
    rtmod.leak_object(o, 2)
t, b = objects["tuple"], objects["bytes"]
print(2 * (tuple.__basicsize__ + 5 * tuple.__itemsize__ +
           sys.getsizeof(objects["int"]) +
           bytes.__basicsize__ + 100 * bytes.__itemsize__ +
           list.__basicsize__))
""", [rtmod])
    assert r.returncode == 0, r.stderr
    [leak] = r.leaks(function="leak_object")
    assert leak["leaked_references"] == leak["heap_references"] == 8
    assert leak["types"] == {"tuple": 2, "int": 2, "bytes": 2, "list": 2}
    assert leak["heap_bytes"] == int(r.stdout)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_sequences_against_a_naive_model(run, compile_c, seed):
    # Deep releases, nested frames, pending steals, stack compaction: the
    # runtime must count exactly what a linear scan of each frame counts.
    program = compile_c("ledger_model", ["ledger_model.c"], program=True)
    r = run(argv=[program.path, str(seed), "300000"])
    assert r.returncode == 0, r.stderr
    expected = {}
    for line in r.stdout.split("\n"):
        if line:
            site, count = line.split()
            if int(count):
                expected[site] = int(count)
    assert sum(expected.values()) > 1000
    got = {l["api"]: l["leaked_references"] for l in r.report["leaks"]}
    assert got == expected
