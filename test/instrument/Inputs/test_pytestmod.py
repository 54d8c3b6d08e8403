"""Tests run by test/instrument/pytest-plugin.c under the pytest plugin."""
import threading

import pytestmod


def test_leaks():
    d = {}
    for n in range(300):
        pytestmod.record(d, n * 1000)
    assert len(d) == 300


def test_clean():
    d = {}
    for n in range(300):
        pytestmod.record_fixed(d, n)
    assert len(d) == 300


def test_threads():
    def work():
        d = {}
        for n in range(1000):
            pytestmod.record(d, n)
    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
