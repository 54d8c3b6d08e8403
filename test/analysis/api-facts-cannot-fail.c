// Results that cannot fail on any CPython are not possibly NULL: a cached
// small int, the shared empty tuple. The same calls with other arguments
// can fail.
// RUN: %clang_verify %s
// RUN: %clang_verify -DIGNORE_ALLOCATIONS -Xclang -plugin-arg-pyrefleak -Xclang ignore-allocation-failures %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *constant_one(PyObject *self, PyObject *unused) {
  PyObject *one = PyLong_FromLong(1);
  Py_INCREF(one); // no-warning: a cached small int
  Py_DECREF(one);
  return one;
}

PyObject *empty_args(PyObject *self, PyObject *func) {
  PyObject *args = PyTuple_New(0);
  PyObject *r = PyObject_Call(func, args, NULL);
  Py_DECREF(args); // no-warning: the shared empty tuple
  return r;
}

// Fails only with MemoryError: reported unless allocation failures are
// left out.
PyObject *large_int(PyObject *self, PyObject *unused) {
  PyObject *big = PyLong_FromLong(1000);
#ifndef IGNORE_ALLOCATIONS
  // expected-note@-2 {{new reference 'big' created by 'PyLong_FromLong' here}}
  // expected-warning@+2 {{'big' from 'PyLong_FromLong' may be NULL and is dereferenced by 'Py_INCREF'}}
#endif
  Py_INCREF(big);
  Py_DECREF(big);
  return big;
}

// Fails on ordinary errors (an attribute lookup): always reported.
PyObject *attribute(PyObject *self, PyObject *obj) {
  PyObject *name = PyObject_GetAttrString(obj, "__name__"); // expected-note {{new reference 'name' created by 'PyObject_GetAttrString' here}}
  Py_INCREF(name); // expected-warning {{'name' from 'PyObject_GetAttrString' may be NULL and is dereferenced by 'Py_INCREF'}}
  Py_DECREF(name);
  return name;
}
