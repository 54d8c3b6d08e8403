// False class 'helper failure sentinel': a static helper returns a named
// constant (-2 here, -1 being a valid result) only after setting an
// exception, and callers test for that constant. The caller's `return NULL`
// has the helper's exception set. Seen in regex (decode_timeout, seven
// methods).
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define NO_LIMIT (-1)
#define BAD_LIMIT (-2)

static Py_ssize_t decode_limit(PyObject *limit) {
  double value;
  if (limit == Py_None)
    return NO_LIMIT;
  value = PyFloat_AsDouble(limit);
  if (value == -1.0 && PyErr_Occurred()) {
    PyErr_SetString(PyExc_ValueError, "limit must be a float or None");
    return BAD_LIMIT;
  }
  return value >= 0.0 ? (Py_ssize_t)(value * 1000.0) : NO_LIMIT;
}

static PyObject *search(PyObject *self, PyObject *args) {
  PyObject *limit = Py_None;
  Py_ssize_t ms;
  if (!PyArg_ParseTuple(args, "|O:search", &limit))
    return NULL;
  ms = decode_limit(limit);
  if (ms == BAD_LIMIT)
    return NULL;
  return PyLong_FromSsize_t(ms);
}

static PyMethodDef methods[] = {{"search", search, METH_VARARGS, NULL},
                                {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "limits", NULL, 0, methods};

PyMODINIT_FUNC PyInit_limits(void) { return PyModule_Create(&module); }
