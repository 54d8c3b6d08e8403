// Identity with a static object (Py_None) tells cases apart: the same
// object is equal to itself, and a new reference this function created is
// not the static object.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *result_or_none(PyObject *self, PyObject *arg) {
  PyObject *r = Py_None;
  int ok = PyObject_IsTrue(arg);
  if (ok < 0)
    return NULL;
  if (ok) {
    r = Py_BuildValue("(O)", arg);
    if (r == NULL)
      return NULL;
  }
  PyObject *s = PyObject_Repr(r);
  if (r != Py_None)
    Py_DECREF(r); // no-warning: the new reference, never Py_None
  return s;       // no-warning: released above
}

// Released on the wrong side: reported.
PyObject *result_or_none_wrong(PyObject *self, PyObject *arg) {
  PyObject *r = Py_None;
  int ok = PyObject_IsTrue(arg);
  if (ok < 0) // expected-note {{taking the false branch}}
    return NULL;
  if (ok) { // expected-note {{taking the false branch}}
    r = Py_BuildValue("(O)", arg); // expected-note {{new reference 'r' created by 'Py_BuildValue' here}}
    if (r == NULL) // expected-note {{taking the false branch}}
      return NULL;
  }
  PyObject *s = PyObject_Repr(r);
  if (r == Py_None) // expected-note {{taking the true branch}} expected-note {{taking the false branch}}
    Py_DECREF(r); // expected-warning {{releasing borrowed reference 'r' [pyrefleak-over-release]}}
  return s; // expected-warning {{owned reference 'r' from 'Py_BuildValue' is never released [pyrefleak-leak]}}
}

// A parameter compared with Py_None twice.
PyObject *default_none(PyObject *self, PyObject *arg) {
  PyObject *value = NULL;
  if (arg == Py_None) {
    value = PyLong_FromLong(42);
    if (value == NULL)
      return NULL;
  }
  PyObject *r = PyObject_Repr(arg == Py_None ? value : arg);
  if (arg == Py_None)
    Py_DECREF(value); // no-warning
  return r;
}
