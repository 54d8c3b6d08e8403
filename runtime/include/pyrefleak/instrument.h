/*===- pyrefleak/instrument.h - Ledger entry points -------------*- C -*-===*\
 *
 * The calls `pyrefleak-cc --instrument` inserts into instrumented code. The
 * compiler force-includes this header; user code never calls these directly.
 *
 * Each site is a string literal, a static descriptor of the source place:
 *   "<flags>\x1f<file>\x1f<line>\x1f<column>\x1f<function>\x1f<api>"
 * where <flags> is "S" when the static analysis reported that site during
 * the same compile and "-" otherwise. The literal's address identifies the
 * site; its text is parsed only when a report is printed.
 *
 * Every hook returns its object argument unchanged so that it can wrap the
 * expression that produced it. All the functions below are annotated
 * "pyrefleak::transparent": the compiler plugin finds them by that mark (and
 * their names), and its analyses, which run on the instrumented code, read a
 * call to one as its first argument and nothing else (no reference or
 * exception changes hands).
\*===----------------------------------------------------------------------===*/

#ifndef PYREFLEAK_INSTRUMENT_H
#define PYREFLEAK_INSTRUMENT_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__clang__)
#define PYREFLEAK_TRANSPARENT                                                  \
  __attribute__((annotate("pyrefleak::transparent")))
#else
#define PYREFLEAK_TRANSPARENT
#endif

/* Referenced by every instrumented function so that objects built for
 * another ledger ABI fail to link. */
extern const int __pyrefleak_abi_v1;

/* A frame: the obligations an instrumented function call owns. */
typedef struct __pyrefleak_frame {
  unsigned long mark;
} __pyrefleak_frame;

/* At entry of every instrumented function; `abi` is &__pyrefleak_abi_v1. */
PYREFLEAK_TRANSPARENT __pyrefleak_frame __pyrefleak_frame_enter(const int *abi);
/* Run as the frame variable's cleanup on every exit: obligations created in
 * the frame and still open are leaks, counted against their sites. */
PYREFLEAK_TRANSPARENT void __pyrefleak_frame_exit(__pyrefleak_frame *frame);

/* A new owned reference was produced at `site` (NULL is ignored). */
PYREFLEAK_TRANSPARENT void *__pyrefleak_acquire(void *obj, const char *site);
/* One owned reference is released (Py_DECREF, Py_XDECREF, Py_CLEAR, ...). */
PYREFLEAK_TRANSPARENT void *__pyrefleak_release(void *obj, const char *site);
/* One owned reference is stolen by a callee (PyList_SET_ITEM, "N"). */
PYREFLEAK_TRANSPARENT void *__pyrefleak_steal(void *obj, const char *site);
/* One owned reference leaves the frame: returned to the caller, or stored
 * into memory that outlives the frame (a field, a global, an array). */
PYREFLEAK_TRANSPARENT void *__pyrefleak_escape(void *obj, const char *site);

/* Steals that happen only when the call succeeds (PyModule_AddObject):
 * the argument is wrapped in __pyrefleak_steal_pending, the call's result
 * in __pyrefleak_settle_status (failure is < 0) or __pyrefleak_settle_object
 * (failure is NULL), which discharge the pending steal on success and
 * drop it on failure. */
PYREFLEAK_TRANSPARENT void *__pyrefleak_steal_pending(void *obj,
                                                      const char *site);
PYREFLEAK_TRANSPARENT long __pyrefleak_settle_status(long status);
PYREFLEAK_TRANSPARENT void *__pyrefleak_settle_object(void *result);

#undef PYREFLEAK_TRANSPARENT

#ifdef __cplusplus
}
#endif

#endif /* PYREFLEAK_INSTRUMENT_H */
