"""The pyrefleak package: finding the runtime, snapshot() and diff()."""

import os
import shutil


def test_snapshot_and_diff(run, rtmod):
    r = run("""
import pyrefleak, rtmod
s0 = pyrefleak.snapshot()
assert pyrefleak.diff(s0, pyrefleak.snapshot()) == []
rtmod.leak_ints(1000, 10)
rtmod.leak_none(3)
s1 = pyrefleak.snapshot()
rtmod.leak_ints(1000, 4)
s2 = pyrefleak.snapshot()

changes = pyrefleak.diff(s0, s1)
assert [c.site.function for c in changes] == ["leak_ints", "leak_none"]
ints, none = changes
assert (ints.leaked, ints.leaked_diff, ints.cached_diff, ints.heap_diff,
        ints.heap_bytes_diff) == (10, 10, 0, 10, 280)
assert ints.types_diff == {"int": 10}
assert ints.static_finding and not none.static_finding
assert (none.leaked_diff, none.cached_diff, none.types_diff) == (
    3, 3, {"NoneType": 3})
assert str(ints).endswith(
    "in leak_ints (PyLong_FromLong): +10 leaked references "
    "(+0 cached, +10 heap, +280 bytes)"), str(ints)

[later] = s2.compare_to(s1)
assert (later.site, later.leaked, later.leaked_diff) == (ints.site, 14, 4)

[stats] = s2.find(file="rtmod.c", function="leak_ints")
assert s2[stats.site] is stats and s2.get(("x", 0, 0, "", "")) is None
assert stats.site.file.endswith("/rtmod.c") and stats.site.api == \\
    "PyLong_FromLong"
print(stats.site.line, s2.total(), len(s2))
""", [rtmod])
    assert r.returncode == 0, r.stderr
    line, total, sites = r.stdout.split()
    assert int(line) == rtmod.line("leak_ints")
    assert (int(total), int(sites)) == (17, 2)


def test_suppressed_sites_are_marked(run, rtmod, tmp_path):
    supp = tmp_path / "supp"
    supp.write_text("leak:leak_none\n")
    r = run("""
import pyrefleak, rtmod
rtmod.leak_none(2); rtmod.lifo()
s = pyrefleak.snapshot()
print(sorted((x.site.function, x.suppressed) for x in s), s.total(),
      s.total(include_suppressed=True))
""", [rtmod], options="suppressions=%s" % supp)
    assert r.stdout.strip() == \
        "[('leak_none', True), ('lifo', False)] 1 3", r.stderr


def test_runtime_found_next_to_the_package(run, build, rtmod):
    # Loaded by the package first; the extension then reuses that copy.
    r = run("""
import os, pyrefleak
path = pyrefleak.runtime_path()
import rtmod
rtmod.leak_none(2)
print(os.path.realpath(path))
print(pyrefleak.snapshot().total())
""", [rtmod])
    assert r.returncode == 0, r.stderr
    path, total = r.stdout.split()
    assert path == os.path.realpath(build.runtime)
    assert total == "2"


def test_runtime_already_loaded_or_from_the_environment(run, build, rtmod,
                                                        tmp_path):
    # A copy of the package far from the library: it must use the runtime
    # the extension loaded, or PYREFLEAK_RUNTIME, or fail clearly.
    elsewhere = tmp_path / "pkg"
    shutil.copytree(os.path.join(build.package_dir, "pyrefleak"),
                    str(elsewhere / "pyrefleak"))
    env = {"PYTHONPATH": os.pathsep.join([rtmod.dir, str(elsewhere)])}
    loaded = run("""
import rtmod, pyrefleak, os
assert pyrefleak.__file__.startswith(%r)
rtmod.leak_none(1)
print(os.path.realpath(pyrefleak.runtime_path()), pyrefleak.snapshot().total())
""" % str(elsewhere), env=env)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == [os.path.realpath(build.runtime), "1"]

    missing = run("""
import pyrefleak
try:
    pyrefleak.load()
except pyrefleak.RuntimeNotFound as e:
    print("not found:", e)
""", env=dict(env, PYREFLEAK_RUNTIME="/nonexistent/libpyrefleak_rt.so"))
    assert "not found: pyrefleak runtime libpyrefleak_rt.so not found" in \
        missing.stdout, missing.stderr
    assert "/nonexistent/libpyrefleak_rt.so" in missing.stdout

    from_env = run("""
import pyrefleak
print(pyrefleak.runtime_path(), pyrefleak.stats()["sites"])
""", env=dict(env, PYREFLEAK_RUNTIME=build.runtime))
    assert from_env.stdout.split() == [build.runtime, "0"], from_env.stderr

    explicit = run("""
import pyrefleak
print(pyrefleak.load(%r).path)
""" % build.runtime, env=env)
    assert explicit.stdout.strip() == build.runtime, explicit.stderr
