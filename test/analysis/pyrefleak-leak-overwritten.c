// An owned reference lost when the only variable holding it is assigned
// again: in straight-line code, and by a loop's next iteration.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *last_repr(PyObject *self, PyObject *args) {
  PyObject *a, *b;
  if (!PyArg_ParseTuple(args, "OO", &a, &b))
    return NULL;
  PyObject *r = PyObject_Repr(a); // expected-note {{new reference 'r' created by 'PyObject_Repr' here}}
  if (r == NULL)                  // expected-note {{taking the false branch}}
    return NULL;
  r = PyObject_Repr(b); // expected-warning {{owned reference 'r' from 'PyObject_Repr' is lost when 'r' is assigned again [pyrefleak-leak]}}
  return r;
}

// Each PyIter_Next result is owned; the next call overwrites it.
Py_ssize_t count_true(PyObject *it) {
  Py_ssize_t n = 0;
  PyObject *item;
  while ((item = PyIter_Next(it)) != NULL) { // expected-warning {{owned reference 'item' from 'PyIter_Next' is lost when 'item' is assigned again}} \
                                             // expected-note {{new reference 'item' created by 'PyIter_Next' here}} \
                                             // expected-note {{entering the loop body}}
    if (PyObject_IsTrue(item) > 0) // expected-note {{taking the false branch}}
      n++;
  }
  return PyErr_Occurred() ? -1 : n;
}

// Another variable still holds the old reference: nothing is lost.
PyObject *swap_in(PyObject *x, PyObject *y) {
  PyObject *r = PyObject_Repr(x);
  if (r == NULL)
    return NULL;
  PyObject *old = r;
  r = PyObject_Repr(y); // no-warning
  Py_DECREF(old);
  return r;
}

// Releasing before reassigning: clean.
PyObject *last_repr_fixed(PyObject *a, PyObject *b) {
  PyObject *r = PyObject_Repr(a);
  if (r == NULL)
    return NULL;
  Py_DECREF(r);
  r = PyObject_Repr(b); // no-warning
  return r;
}
