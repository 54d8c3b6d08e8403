// The finding next to 'helper failure sentinel': the sentinel is also
// returned on a path that sets no exception, so the caller's NULL reaches
// Python without one.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define BAD_LIMIT (-2)

static Py_ssize_t decode_limit(PyObject *limit) {
  if (!PyFloat_Check(limit))
    return BAD_LIMIT;
  return (Py_ssize_t)PyFloat_AS_DOUBLE(limit);
}

static PyObject *search(PyObject *self, PyObject *limit) {
  Py_ssize_t ms = decode_limit(limit);
  if (ms == BAD_LIMIT) // expected-note {{taking the true branch}}
    return NULL;       // expected-warning {{'search' returns NULL to Python without setting an exception [pyrefleak-missing-exception]}}
  return PyLong_FromSsize_t(ms);
}

static PyMethodDef methods[] = {{"search", search, METH_O, NULL},
                                {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "limits", NULL, 0, methods};

PyMODINIT_FUNC PyInit_limits(void) { return PyModule_Create(&module); }
