// A call returning a new reference, used as a statement, leaks it.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *close_file(PyObject *file) {
  PyObject_CallMethod(file, "close", NULL); // expected-warning {{the new reference returned by 'PyObject_CallMethod' is discarded and never released [pyrefleak-leak]}} expected-note {{release the result with Py_XDECREF}}
  if (PyErr_Occurred())
    return NULL;
  Py_RETURN_NONE;
}

void cast_to_void(PyObject *o) {
  (void)PyObject_Repr(o); // expected-warning {{the new reference returned by 'PyObject_Repr' is discarded}} expected-note {{release the result}}
}

void in_branch(PyObject *o, int c) {
  if (c)
    PyObject_Str(o); // expected-warning {{the new reference returned by 'PyObject_Str' is discarded}} expected-note {{release the result}}
}

// Status results may be ignored without leaking anything.
void status_ignored(PyObject *d, PyObject *k) {
  PyDict_DelItem(d, k); // no-warning
  PyErr_Clear();
}
