// Variadic argument lists checked as formats are: PyTuple_Pack's count,
// PyArg_UnpackTuple's output pointers against its maximum, and the NULL
// that ends PyObject_CallFunctionObjArgs / PyObject_CallMethodObjArgs.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *pack(PyObject *a, PyObject *b) {
  PyObject *ok = PyTuple_Pack(2, a, b); // no-warning
  Py_XDECREF(ok);
  return PyTuple_Pack(3, a, b); // expected-warning {{'PyTuple_Pack' is told 3 arguments follow but 2 are given [pyrefleak-format]}}
}

PyObject *unpack(PyObject *self, PyObject *args) {
  PyObject *a = NULL, *b = NULL;
  if (!PyArg_UnpackTuple(args, "f", 1, 2, &a, &b)) // no-warning
    return NULL;
  if (!PyArg_UnpackTuple(args, "g", 1, 2, &a)) // expected-warning {{'PyArg_UnpackTuple' unpacks up to 2 items but 1 output pointer is given [pyrefleak-format]}}
    return NULL;
  return Py_NewRef(b ? b : a);
}

PyObject *call(PyObject *f, PyObject *a) {
  PyObject *r = PyObject_CallFunctionObjArgs(f, a, NULL); // no-warning
  Py_XDECREF(r);
  r = PyObject_CallMethodObjArgs(f, a, f, NULL); // no-warning
  Py_XDECREF(r);
  return PyObject_CallFunctionObjArgs(f, a); // expected-warning {{the arguments of 'PyObject_CallFunctionObjArgs' must end with NULL [pyrefleak-format]}} \
                                             // expected-note {{add NULL as the last argument}}
}
