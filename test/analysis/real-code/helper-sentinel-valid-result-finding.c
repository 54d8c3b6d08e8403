// Finding 'helper sentinel, other value tested': a static helper sets an
// exception only when it returns its error code (-2); a caller that returns
// NULL on one of its valid results (-1, "no limit") returns NULL with no
// exception set, and is still reported.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define NO_LIMIT (-1)
#define BAD_LIMIT (-2)

static Py_ssize_t decode_limit(PyObject *limit) {
  long value;
  if (limit == Py_None)
    return NO_LIMIT;
  value = PyLong_AsLong(limit);
  if (value == -1 && PyErr_Occurred()) {
    PyErr_SetString(PyExc_ValueError, "limit must be an int or None");
    return BAD_LIMIT;
  }
  return value >= 0 ? (Py_ssize_t)value : NO_LIMIT;
}

static PyObject *bounded(PyObject *self, PyObject *args) {
  PyObject *limit = Py_None;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "|O:bounded", &limit)) // expected-note {{taking the false branch}}
    return NULL;
  n = decode_limit(limit);
  if (n == BAD_LIMIT) // expected-note {{taking the false branch}}
    return NULL;
  if (n == NO_LIMIT) // expected-note {{taking the true branch}}
    return NULL; // expected-warning {{'bounded' returns NULL to Python without setting an exception [pyrefleak-missing-exception]}}
  return PyLong_FromSsize_t(n);
}

static PyMethodDef methods[] = {{"bounded", bounded, METH_VARARGS, NULL},
                                {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "bounds", NULL, 0, methods};

PyMODINIT_FUNC PyInit_bounds(void) { return PyModule_Create(&module); }
