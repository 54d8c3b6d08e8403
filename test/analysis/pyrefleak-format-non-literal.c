// Only string literals are checked, seen through macros and casts; a format
// computed at run time is left alone.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define PAIR_FORMAT "(ll)"
#define BUILD_PAIR(a, b) Py_BuildValue(PAIR_FORMAT, a, b)

PyObject *through_macros(int a, long b) {
  return BUILD_PAIR(a, b); // expected-warning {{format unit 'l' of 'Py_BuildValue' expects 'long' for argument 2, but 'int' is given [pyrefleak-format]}}
}

PyObject *format_macro(long a) {
  return Py_BuildValue(PAIR_FORMAT, a); // expected-warning {{'Py_BuildValue' format "(ll)" needs 2 arguments but 1 is given}}
}

PyObject *cast_literal(int a) {
  return Py_BuildValue((const char *)"i", a, a); // expected-warning {{'Py_BuildValue' format "i" needs 1 argument but 2 are given}}
}

PyObject *runtime_format(const char *format, int a) {
  return Py_BuildValue(format, a); // no-warning
}

PyObject *chosen_format(int wide, long a) {
  return Py_BuildValue(wide ? "l" : "i", a); // no-warning
}

static const char parse_format[] = "ll";

PyObject *array_format(PyObject *args) {
  int a, b;
  if (!PyArg_ParseTuple(args, parse_format, &a, &b)) // no-warning
    return NULL;
  Py_RETURN_NONE;
}
