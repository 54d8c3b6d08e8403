// A format consumes a fixed number of variadic arguments: too few makes the
// callee read garbage, too many means a unit is missing.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *build_missing_argument(void) {
  return Py_BuildValue("(ii)", 1); // expected-warning {{'Py_BuildValue' format "(ii)" needs 2 arguments but 1 is given [pyrefleak-format]}}
}

PyObject *build_extra_argument(void) {
  return Py_BuildValue("i", 1, 2); // expected-warning {{'Py_BuildValue' format "i" needs 1 argument but 2 are given [pyrefleak-format]}}
}

PyObject *build_no_argument(void) {
  return Py_BuildValue("s#", "abc"); // expected-warning {{'Py_BuildValue' format "s#" needs 2 arguments but 1 is given [pyrefleak-format]}}
}

PyObject *parse_too_many(PyObject *args) {
  PyObject *a, *b;
  if (!PyArg_ParseTuple(args, "O", &a, &b)) // expected-warning {{'PyArg_ParseTuple' format "O" needs 1 argument but 2 are given [pyrefleak-format]}}
    return NULL;
  return Py_NewRef(a);
}

PyObject *parse_too_few(PyObject *args) {
  PyObject *a, *b;
  if (!PyArg_ParseTuple(args, "OO", &a)) // expected-warning {{'PyArg_ParseTuple' format "OO" needs 2 arguments but 1 is given [pyrefleak-format]}}
    return NULL;
  return Py_NewRef(a);
}

PyObject *parse_two_argument_units(PyObject *args) {
  PyObject *list;
  if (!PyArg_ParseTuple(args, "O!", &list)) // expected-warning {{'PyArg_ParseTuple' format "O!" needs 2 arguments but 1 is given [pyrefleak-format]}}
    return NULL;
  Py_RETURN_NONE;
}

// Counts that match, including empty formats and units taking several
// arguments.
PyObject *counts_match(PyObject *args) {
  PyObject *list;
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "")) // no-warning
    return NULL;
  if (!PyArg_ParseTuple(args, "O!s#", &PyList_Type, &list, &s, &n)) // no-warning
    return NULL;
  return Py_BuildValue("(s#)", s, n); // no-warning
}

PyObject *empty_build(void) {
  return Py_BuildValue(""); // no-warning
}
