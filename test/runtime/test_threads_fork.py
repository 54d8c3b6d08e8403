"""Thread-local ledgers with shared site counters, and fork()."""

import json
import os


def test_python_threads_interleaving_inside_frames(run, rtmod):
    r = run("""
import threading, rtmod
def work():
    for _ in range(5):
        rtmod.leak_with_gil_released(200, 50)
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
""", [rtmod])
    assert r.returncode == 0, r.stderr
    [leak] = r.leaks(function="leak_with_gil_released")
    assert leak["line"] == rtmod.line("gil_released")
    assert leak["leaked_references"] == 8 * 5 * 50
    assert leak["heap_references"] == 8 * 5 * 50
    assert leak["heap_bytes"] == 8 * 5 * 50 * 28


def test_native_threads_without_the_gil(run, rtmod):
    r = run("""
import rtmod
obj = (1, 2, 3)
assert rtmod.native_threads(obj, 8, 25000) == 8
""", [rtmod])
    assert r.returncode == 0, r.stderr
    [leak] = r.leaks(function="native_iteration")
    assert leak["line"] == rtmod.line("native")
    assert leak["leaked_references"] == leak["heap_references"] == 200000
    assert leak["types"] == {"tuple": 200000}


def test_each_process_reports_its_own_leaks(run, rtmod, tmp_path):
    log = str(tmp_path / "log")
    r = run("""
import os, sys, rtmod
rtmod.leak_object([], 3)          # parent, before the fork
pid = os.fork()
if pid == 0:
    rtmod.leak_none(5)            # child only
    sys.exit(0)                   # normal exit: reports at exit
_, status = os.waitpid(pid, 0)
assert status == 0
rtmod.leak_object([], 7)          # parent, after the fork
print(pid)
""", [rtmod], options="log_path=" + log)
    assert r.returncode == 0, r.stderr
    child = int(r.stdout)
    parent_leaks = {l["function"]: l["leaked_references"]
                    for l in r.report["leaks"]}
    assert parent_leaks == {"leak_object": 10}
    child_report = r.json_path + ".%d" % child
    with open(child_report) as f:
        child_leaks = {l["function"]: l["leaked_references"]
                       for l in json.load(f)["leaks"]}
    assert child_leaks == {"leak_none": 5}
    with open(log + ".%d" % child) as f:
        child_text = f.read()
    assert "==%d==ERROR: pyrefleak: leak:" % child in child_text
    assert "SUMMARY: pyrefleak: 5 leaked references at 1 site" in child_text
    parent = [n for n in os.listdir(str(tmp_path))
              if n.startswith("log.") and n != "log.%d" % child]
    assert len(parent) == 1
    with open(str(tmp_path / parent[0])) as f:
        assert "SUMMARY: pyrefleak: 10 leaked references at 1 site" in f.read()


def test_fork_while_other_threads_record_leaks(run, rtmod):
    # A child forked while another thread holds the site table's lock must
    # still be able to record and report (pthread_atfork resets the lock).
    r = run("""
import os, threading, rtmod, pyrefleak
worker = threading.Thread(target=rtmod.native_threads, args=((1,), 2, 300000))
worker.start()
for _ in range(20):
    pid = os.fork()
    if pid == 0:
        rtmod.leak_none(1)
        snap = pyrefleak.snapshot()
        ok = [s.leaked for s in snap.find(function="leak_none")] == [1]
        os._exit(0 if ok else 3)
    _, status = os.waitpid(pid, 0)
    assert status == 0, status
worker.join()
""", [rtmod], timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.leaked(function="native_iteration") == 600000
    assert r.leaks(function="leak_none") == []
