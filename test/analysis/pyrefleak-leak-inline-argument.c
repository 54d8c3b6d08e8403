// A new reference created inline as the argument of a parameter that does
// not steal it is leaked on every call (the coverage.py tracer bug).
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int record_line(PyObject *file_dict, int lineno) {
  return PyDict_SetItem(file_dict, PyLong_FromLong(lineno), Py_None); // expected-warning {{'PyDict_SetItem' does not steal argument 2; the new reference from 'PyLong_FromLong' is never released [pyrefleak-leak]}} expected-note {{store the result of 'PyLong_FromLong' in a variable and release it with Py_DECREF after the call}}
}

int append_name(PyObject *list, const char *name) {
  return PyList_Append(list, PyUnicode_FromString(name)); // expected-warning {{'PyList_Append' does not steal argument 2; the new reference from 'PyUnicode_FromString' is never released}} expected-note {{store the result}}
}

// Variadic arguments borrow unless a rule says otherwise: one finding each.
PyObject *make_point(long x, long y) {
  return PyTuple_Pack(2, PyLong_FromLong(x), // expected-warning {{'PyTuple_Pack' does not steal argument 2}} expected-note {{store the result}}
                      PyLong_FromLong(y));   // expected-warning {{'PyTuple_Pack' does not steal argument 3}} expected-note {{store the result}}
}

PyObject *call_with(PyObject *f, long n) {
  return PyObject_CallFunctionObjArgs(f, PyLong_FromLong(n), NULL); // expected-warning {{'PyObject_CallFunctionObjArgs' does not steal argument 2}} expected-note {{store the result}}
}

// Stealing parameters take the new reference: no leak.
int fill(PyObject *list, long n) {
  PyList_SET_ITEM(list, 0, PyLong_FromLong(n)); // no-warning
  return PyList_SetItem(list, 1, PyLong_FromLong(n)); // no-warning
}

// The same call in a variable that is released is correct.
int record_line_fixed(PyObject *file_dict, int lineno) {
  PyObject *key = PyLong_FromLong(lineno);
  if (key == NULL)
    return -1;
  int rc = PyDict_SetItem(file_dict, key, Py_None); // no-warning
  Py_DECREF(key);
  return rc;
}

// Unknown functions may steal: stay silent rather than guess.
extern int consume(PyObject *o);
int hand_over(long n) {
  return consume(PyLong_FromLong(n)); // no-warning
}

// NOLINT silences one line, for one check or all.
int silenced(PyObject *d, int n) {
  PyDict_SetItem(d, PyLong_FromLong(n), Py_None); // NOLINT(pyrefleak-leak)
  PyDict_SetItem(d, PyLong_FromLong(n), Py_None); // NOLINT
  // NOLINTNEXTLINE(pyrefleak-*)
  return PyDict_SetItem(d, PyLong_FromLong(n), Py_None);
}

int not_silenced(PyObject *d, int n) {
  return PyDict_SetItem(d, PyLong_FromLong(n), Py_None); // NOLINT(pyrefleak-format) expected-warning {{'PyDict_SetItem' does not steal argument 2}} expected-note {{store the result}}
}
