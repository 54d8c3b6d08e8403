// Resizing releases the object and sets the pointer to NULL on failure;
// an owned reference handed to a capsule as its context or pointer is the
// capsule's once the call succeeds.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *shrink(PyObject *self, PyObject *arg) {
  PyObject *b = PyBytes_FromStringAndSize(NULL, 100);
  if (b == NULL)
    return NULL;
  if (_PyBytes_Resize(&b, 10) < 0)
    return NULL; // no-warning: b was released and is NULL
  return b;
}

PyObject *shrink_tuple(PyObject *self, PyObject *arg) {
  PyObject *t = PyTuple_New(4);
  if (t == NULL)
    return NULL;
  if (_PyTuple_Resize(&t, 2) < 0) // expected-note {{new reference 't' created by '_PyTuple_Resize' here}} expected-note {{taking the true branch}}
    Py_DECREF(t); // expected-warning {{'t' from '_PyTuple_Resize' is NULL here and is dereferenced by 'Py_DECREF' [pyrefleak-null-deref]}}
  return t;
}

static void destroy(PyObject *cap) {
  Py_XDECREF((PyObject *)PyCapsule_GetContext(cap));
}

PyObject *with_context(PyObject *self, PyObject *arg) {
  static int data;
  PyObject *cap = PyCapsule_New(&data, "m.data", destroy);
  if (cap == NULL)
    return NULL;
  PyObject *ctx = PyObject_Str(arg);
  if (ctx == NULL) {
    Py_DECREF(cap);
    return NULL;
  }
  if (PyCapsule_SetContext(cap, ctx) < 0) {
    Py_DECREF(ctx); // no-warning: still owned when the call failed
    Py_DECREF(cap);
    return NULL;
  }
  return cap; // no-warning: the capsule owns ctx
}

// A borrowed object is only held: nothing to release.
PyObject *with_borrowed_pointer(PyObject *self, PyObject *arg) {
  static int data;
  PyObject *cap = PyCapsule_New(&data, "m.data", NULL);
  if (cap == NULL)
    return NULL;
  if (PyCapsule_SetContext(cap, self) < 0) {
    Py_DECREF(cap);
    return NULL;
  }
  return cap; // no-warning
}
