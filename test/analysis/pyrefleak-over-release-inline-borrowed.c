// A borrowed result passed inline to a stealing parameter is released by
// the callee although the caller never owned it.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int copy_first(PyObject *list, PyObject *tuple) {
  return PyList_SetItem(list, 0, PyTuple_GetItem(tuple, 0)); // expected-warning {{'PyList_SetItem' steals argument 3, but the reference from 'PyTuple_GetItem' is borrowed [pyrefleak-over-release]}} expected-note {{pass Py_NewRef(...) to give 'PyList_SetItem' a reference of its own}}
}

int copy_first_fixed(PyObject *list, PyObject *tuple) {
  PyObject *first = PyTuple_GetItem(tuple, 0);
  if (first == NULL)
    return -1;
  return PyList_SetItem(list, 0, Py_NewRef(first)); // no-warning
}
