// With PY_SSIZE_T_CLEAN the '#' units take a Py_ssize_t length.
// RUN: %clang_verify %s
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *lengths(PyObject *args) {
  const char *s, *y;
  Py_ssize_t s_len, y_len;
  if (!PyArg_ParseTuple(args, "s#y#", &s, &s_len, &y, &y_len)) // no-warning
    return NULL;
  return Py_BuildValue("(s#y#)", s, s_len, y, y_len); // no-warning
}

PyObject *int_length(PyObject *args) {
  const char *s;
  int len;
  if (!PyArg_ParseTuple(args, "z#", &s, &len)) // expected-warning {{format unit 'z#' of 'PyArg_ParseTuple' expects 'Py_ssize_t *' for argument 4, but 'int *' is given [pyrefleak-format]}}
    return NULL;
  return Py_BuildValue("s#", s, len); // expected-warning {{format unit 's#' of 'Py_BuildValue' expects 'Py_ssize_t' for argument 3, but 'int' is given [pyrefleak-format]}}
}

PyObject *call_with_bytes(PyObject *callable, const char *data, Py_ssize_t n) {
  return PyObject_CallFunction(callable, "y#", data, n); // no-warning
}
