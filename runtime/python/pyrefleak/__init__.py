"""Read the pyrefleak runtime ledger from Python.

Extensions compiled with ``pyrefleak-cc --instrument`` share one ledger,
``libpyrefleak_rt.so``, which counts every owned reference an instrumented
function failed to release, per source site. This package reaches that
ledger with ctypes (it never builds its own):

    import pyrefleak
    before = pyrefleak.snapshot()
    run_workload()
    for change in pyrefleak.diff(before, pyrefleak.snapshot()):
        print(change)

The library is looked up, in order: the path passed to ``load()``; a copy
already loaded into the process (the one the extensions use); the
``PYREFLEAK_RUNTIME`` environment variable; and ``libpyrefleak_rt.so`` three
directories above this package, which is where both the build tree
(``build/lib/pyrefleak/python/pyrefleak``) and the install tree put it.
"""

import ctypes
import json
import os
import threading
from collections import namedtuple

__all__ = [
    "RuntimeNotFound",
    "PythonCaller",
    "Site",
    "SiteStats",
    "SiteDiff",
    "Snapshot",
    "load",
    "runtime_path",
    "snapshot",
    "diff",
    "report",
    "stats",
]

LIBRARY_NAME = "libpyrefleak_rt.so"


class RuntimeNotFound(OSError):
    """No pyrefleak runtime library could be found or loaded."""


PythonCaller = namedtuple("PythonCaller", "function file line")
PythonCaller.__str__ = lambda self: "%s at %s:%d" % (
    self.function, self.file, self.line)
PythonCaller.__doc__ = "The Python code running when a reference leaked."

Site = namedtuple("Site", "file line column function api")
Site.__str__ = lambda self: "%s:%d:%d in %s (%s)" % (
    self.file, self.line, self.column, self.function, self.api)
Site.__doc__ = "A source place where a new reference is created."


class SiteStats(object):
    """What leaked at one site since the process started."""

    __slots__ = ("site", "leaked", "cached", "heap", "unclassified",
                 "heap_bytes", "types", "static_finding", "suppressed",
                 "python_callers")

    def __init__(self, site, leaked=0, cached=0, heap=0, unclassified=0,
                 heap_bytes=0, types=None, static_finding=False,
                 suppressed=False, python_callers=()):
        self.site = site
        self.leaked = leaked
        self.cached = cached
        self.heap = heap
        self.unclassified = unclassified
        self.heap_bytes = heap_bytes
        self.types = dict(types or {})
        self.static_finding = static_finding
        self.suppressed = suppressed
        # [(PythonCaller, references)], in the order they first leaked.
        self.python_callers = list(python_callers)

    @classmethod
    def _from_json(cls, item):
        site = Site(item["file"], item["line"], item["column"],
                    item["function"], item["api"])
        callers = [(PythonCaller(c["function"], c["file"], c["line"]),
                    c["count"]) for c in item.get("python_callers", ())]
        return cls(site, item["leaked_references"], item["cached_references"],
                   item["heap_references"], item["unclassified_references"],
                   item["heap_bytes"], item["types"], item["static_finding"],
                   item["suppressed"], callers)

    def __repr__(self):
        return "<SiteStats %s leaked=%d cached=%d heap=%d heap_bytes=%d>" % (
            self.site, self.leaked, self.cached, self.heap, self.heap_bytes)


class SiteDiff(object):
    """The change at one site between two snapshots (new minus old)."""

    __slots__ = ("site", "leaked", "leaked_diff", "cached_diff", "heap_diff",
                 "heap_bytes_diff", "types_diff", "static_finding",
                 "suppressed", "python_callers_diff")

    def __init__(self, new, old):
        old = old or SiteStats(new.site)
        self.site = new.site
        self.leaked = new.leaked
        self.leaked_diff = new.leaked - old.leaked
        self.cached_diff = new.cached - old.cached
        self.heap_diff = new.heap - old.heap
        self.heap_bytes_diff = new.heap_bytes - old.heap_bytes
        self.types_diff = {}
        for name, count in new.types.items():
            change = count - old.types.get(name, 0)
            if change:
                self.types_diff[name] = change
        self.static_finding = new.static_finding
        self.suppressed = new.suppressed
        before = dict(old.python_callers)
        self.python_callers_diff = [
            (caller, count - before.get(caller, 0))
            for caller, count in new.python_callers
            if count > before.get(caller, 0)]

    def __str__(self):
        return "%s: %+d leaked references (%+d cached, %+d heap, %+d bytes)" % (
            self.site, self.leaked_diff, self.cached_diff, self.heap_diff,
            self.heap_bytes_diff)

    def __repr__(self):
        return "<SiteDiff %s>" % self


class Snapshot(object):
    """The per-site leak counts at one moment."""

    def __init__(self, stats, dropped_events=0):
        self.stats = sorted(stats, key=lambda s: (-s.leaked, s.site))
        self.dropped_events = dropped_events
        self._by_site = {s.site: s for s in self.stats}

    def __iter__(self):
        return iter(self.stats)

    def __len__(self):
        return len(self.stats)

    def __getitem__(self, site):
        return self._by_site[site]

    def get(self, site, default=None):
        return self._by_site.get(site, default)

    def find(self, file=None, line=None, function=None, api=None):
        """Stats whose site matches every given field; a file matches by
        its full path or its base name."""
        found = []
        for s in self.stats:
            if file is not None and file not in (
                    s.site.file, os.path.basename(s.site.file)):
                continue
            if line is not None and s.site.line != line:
                continue
            if function is not None and s.site.function != function:
                continue
            if api is not None and s.site.api != api:
                continue
            found.append(s)
        return found

    def total(self, include_suppressed=False):
        """Leaked references at all sites."""
        return sum(s.leaked for s in self.stats
                   if include_suppressed or not s.suppressed)

    def compare_to(self, old):
        """Sites whose count changed since `old`, most new leaks first."""
        changes = [SiteDiff(s, old.get(s.site)) for s in self.stats]
        changes = [c for c in changes
                   if c.leaked_diff or c.heap_bytes_diff or c.types_diff]
        changes.sort(key=lambda c: (-c.leaked_diff, c.site))
        return changes


class _Runtime(object):
    def __init__(self, library, path):
        self.library = library
        self.path = path
        size_t = ctypes.c_size_t
        for name, argtypes in (("report", []),
                               ("snapshot", [ctypes.c_char_p, size_t]),
                               ("live_obligations", []),
                               ("site_count", []),
                               ("allocated_bytes", []),
                               ("instrumented_objects", [])):
            function = getattr(library, "__pyrefleak_" + name)
            function.argtypes = argtypes
            function.restype = size_t
            setattr(self, name, function)


_lock = threading.Lock()
_runtime = None


def _loaded_copy():
    """The runtime already mapped into this process, if any."""
    try:
        return ctypes.CDLL(LIBRARY_NAME, mode=os.RTLD_NOLOAD | os.RTLD_LOCAL)
    except OSError:
        return None


def _mapped_path():
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split(None, 5)[-1].strip()
                if os.path.basename(path) == LIBRARY_NAME:
                    return path
    except OSError:
        pass
    return None


def _package_relative_path():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", LIBRARY_NAME))


def load(path=None):
    """Returns the runtime, loading it on first use (see the module doc).

    An explicit `path` is loaded even if another copy is already present;
    without one, the copy the process already uses always wins, since a
    second copy would be a second, empty ledger."""
    global _runtime
    with _lock:
        if path is None and _runtime is not None:
            return _runtime
        tried = []
        library, found = None, None
        if path is not None:
            library, found = ctypes.CDLL(os.fspath(path)), os.fspath(path)
        if library is None:
            library = _loaded_copy()
            found = _mapped_path() if library is not None else None
        candidates = [os.environ.get("PYREFLEAK_RUNTIME"),
                      _package_relative_path()]
        for candidate in candidates:
            if library is not None:
                break
            if not candidate:
                continue
            tried.append(candidate)
            if os.path.exists(candidate):
                library, found = ctypes.CDLL(candidate), candidate
        if library is None:
            raise RuntimeNotFound(
                "pyrefleak runtime %s not found (looked in: %s); set "
                "PYREFLEAK_RUNTIME or call pyrefleak.load(path)"
                % (LIBRARY_NAME, ", ".join(tried) or "nowhere"))
        _runtime = _Runtime(library, found)
        return _runtime


def runtime_path():
    """Path of the runtime library in use."""
    return load().path


def snapshot():
    """A Snapshot of every site that leaked so far, suppressed ones
    included (marked `suppressed`)."""
    runtime = load()
    size = runtime.snapshot(None, 0) + 1
    while True:
        buffer = ctypes.create_string_buffer(size)
        needed = runtime.snapshot(buffer, size)
        if needed < size:
            break
        size = needed + 1  # sites leaked while we were allocating
    data = json.loads(buffer.value.decode("utf-8", "replace"))
    return Snapshot([SiteStats._from_json(item) for item in data["sites"]],
                    data.get("dropped_events", 0))


def diff(old, new):
    """Sites whose counts changed from snapshot `old` to `new`, most new
    leaks first (like tracemalloc's Snapshot.compare_to)."""
    return new.compare_to(old)


def report():
    """Prints the runtime's text report now; returns the unsuppressed leaked
    references."""
    return load().report()


def stats():
    """The runtime's own footprint: open obligations of the calling thread,
    sites that leaked, and heap bytes held by the ledger."""
    runtime = load()
    return {
        "live_obligations": runtime.live_obligations(),
        "sites": runtime.site_count(),
        "allocated_bytes": runtime.allocated_bytes(),
        "instrumented_objects": runtime.instrumented_objects(),
    }
