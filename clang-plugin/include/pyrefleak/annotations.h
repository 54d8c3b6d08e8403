/*===- pyrefleak/annotations.h - Ownership annotations ----------*- C -*-===*\
 *
 * Tells pyrefleak what a function does to references when the analysis
 * cannot see its body (it is defined in another file or library) or should
 * not guess. An annotation replaces the rules and what the analysis would
 * infer from the body. Put the macros before the declaration:
 *
 *   PYREFLEAK_RETURNS_NEW PYREFLEAK_SETS_EXCEPTION
 *   PyObject *make_point(long x, long y);
 *   PYREFLEAK_STEALS_ARGUMENT(2)
 *   int store_item(PyObject *cache, PyObject *item);
 *
 * PYREFLEAK_RETURNS_NEW         the result is a new reference, or NULL
 * PYREFLEAK_RETURNS_BORROWED    the result is borrowed, or NULL
 * PYREFLEAK_STEALS_ARGUMENT(N)  the call takes the caller's reference to
 *                               parameter N, counting from 1
 * PYREFLEAK_SETS_EXCEPTION      the error value (NULL, or -1 from a function
 *                               returning an integer) comes with an
 *                               exception set; without it, pyrefleak
 *                               assumes the function may or may not set one
 *
 * A malformed annotation is a compile error when the pyrefleak plugin is
 * loaded; other compilers see nothing.
\*===----------------------------------------------------------------------===*/

#ifndef PYREFLEAK_ANNOTATIONS_H
#define PYREFLEAK_ANNOTATIONS_H

#if defined(__clang__)
#define PYREFLEAK_ANNOTATE(...) __attribute__((annotate(__VA_ARGS__)))
#else
#define PYREFLEAK_ANNOTATE(...)
#endif

#define PYREFLEAK_RETURNS_NEW PYREFLEAK_ANNOTATE("pyrefleak::returns-new")
#define PYREFLEAK_RETURNS_BORROWED                                             \
  PYREFLEAK_ANNOTATE("pyrefleak::returns-borrowed")
#define PYREFLEAK_STEALS_ARGUMENT(N)                                           \
  PYREFLEAK_ANNOTATE("pyrefleak::steals-argument", N)
#define PYREFLEAK_SETS_EXCEPTION PYREFLEAK_ANNOTATE("pyrefleak::sets-exception")

#endif /* PYREFLEAK_ANNOTATIONS_H */
