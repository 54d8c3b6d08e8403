"""The ledger's own memory is O(sites + live obligations), never O(calls)."""

import json


def test_memory_is_flat_over_a_million_leaking_calls(run, rtmod):
    r = run("""
import json, rtmod, pyrefleak
def work(n, leak=rtmod.leak_none):
    for _ in range(n):
        leak(1)     # one Python caller for every leak
work(100000)        # warm up: sites, stacks, callers, buffers
before = pyrefleak.stats()
work(1000000)
after = pyrefleak.stats()
print(json.dumps([before, after, pyrefleak.snapshot().total()]))
""", [rtmod])
    assert r.returncode == 0, r.stderr
    before, after, total = json.loads(r.stdout)
    assert total == 1100000
    assert after == before
    assert after["live_obligations"] == 0
    assert after["sites"] == 1


def test_a_large_frame_gives_its_memory_back(run, rtmod):
    r = run("""
import json, rtmod, pyrefleak
rtmod.hold_many(10, 0)
before = pyrefleak.stats()
rtmod.hold_many(300000, 0)      # 300000 obligations open at once
after = pyrefleak.stats()
print(json.dumps([before, after]))
""", [rtmod])
    assert r.returncode == 0, r.stderr
    before, after = json.loads(r.stdout)
    assert after["live_obligations"] == before["live_obligations"] == 0
    assert after["allocated_bytes"] <= before["allocated_bytes"]
    assert r.report["leaks"] == []


def test_exited_threads_give_their_ledgers_back(run, rtmod):
    r = run("""
import json, rtmod, pyrefleak
rtmod.native_threads((1,), 4, 1000)   # warm up: the site and its stack
before = pyrefleak.stats()
for _ in range(20):
    rtmod.native_threads((1,), 8, 1000)
after = pyrefleak.stats()
print(json.dumps([before, after]))
""", [rtmod])
    assert r.returncode == 0, r.stderr
    before, after = json.loads(r.stdout)
    assert after == before
    assert r.leaked(function="native_iteration") == 4000 + 20 * 8000


def test_a_long_loop_holding_a_window_of_references(run, rtmod):
    # Each release leaves a discharged entry below the newest reference;
    # compaction keeps their number, and the memory, bounded.
    r = run("""
import rtmod
print(rtmod.sliding_window(100000), rtmod.sliding_window(2000000))
""", [rtmod])
    assert r.returncode == 0, r.stderr
    short, long = (int(n) for n in r.stdout.split())
    assert long <= short < 1 << 20
    assert r.report["leaks"] == []
