/*===- pyrefleak/interface.h - Runtime reports and snapshots ----*- C -*-===*\
 *
 * Entry points of libpyrefleak_rt.so for programs, tests and the Python
 * package (which reaches them with ctypes). Unlike instrument.h, code may
 * call these directly. The full export list is runtime/lib/interface.inc.
\*===----------------------------------------------------------------------===*/

#ifndef PYREFLEAK_INTERFACE_H
#define PYREFLEAK_INTERFACE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Prints the text report of the leaks counted so far (to stderr or
 * <log_path>.<pid>) and returns the number of unsuppressed leaked
 * references. Safe to call at any time; it never calls into Python. */
size_t __pyrefleak_report(void);

/* Writes a JSON snapshot of every leaking site, suppressed ones included:
 *   {"sites": [{"file", "line", "column", "function", "api",
 *               "leaked_references", "cached_references", "heap_references",
 *               "unclassified_references", "heap_bytes", "types",
 *               "python_callers": [{"function", "file", "line", "count"}],
 *               "static_finding", "suppressed"}, ...],
 *    "dropped_events": n}
 * Sites with the same descriptor text are merged, as in reports.
 * into buf (at most size bytes, NUL-terminated when size > 0) and returns
 * the length of the whole text, like snprintf. */
size_t __pyrefleak_snapshot(char *buf, size_t size);

/* Obligations still open in the calling thread's active frames. */
size_t __pyrefleak_live_obligations(void);
/* Distinct site descriptors that have leaked at least once. */
size_t __pyrefleak_site_count(void);
/* Heap bytes the runtime itself holds (ledgers, site table, copies). */
size_t __pyrefleak_allocated_bytes(void);
/* Instrumented shared objects (extensions, programs) loaded so far that
 * use this runtime: 0 means nothing in the process is checked. */
size_t __pyrefleak_instrumented_objects(void);

/* Default options, applied before PYREFLEAK_OPTIONS. Define it in the
 * program (or an extension) to change them; the runtime's is weak. */
const char *__pyrefleak_default_options(void);

#ifdef __cplusplus
}
#endif

#endif /* PYREFLEAK_INTERFACE_H */
