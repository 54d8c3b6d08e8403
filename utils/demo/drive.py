"""Trace a 200-line file 500 times, as a test suite of small files would,
and show what a memory-based tool sees of the leak."""
import tracemalloc

import tracer

data = {}
for lineno in range(1, 201):  # warm up: the dict holds every line
    tracer.record(data, "small.py", lineno)
tracemalloc.start()
start = tracemalloc.get_traced_memory()[0]
for _ in range(500):
    for lineno in range(1, 201):
        tracer.record(data, "small.py", lineno)
grown = tracemalloc.get_traced_memory()[0] - start
tracemalloc.stop()
print("traced 100200 lines; distinct lines recorded: %d" % len(data["small.py"]))
print("tracemalloc: traced memory grew by %d bytes over the last 100000 "
      "(the leaked ints are cached small ints: nothing to see)" % grown)
