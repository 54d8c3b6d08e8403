// The finding next to 'pointer already tested non-NULL': a pointer that no
// earlier test has constrained, returned as NULL with no exception set, must
// still be reported.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *first(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  if (args == NULL) // expected-note {{taking the true branch}}
    return NULL; // expected-warning {{'first' returns NULL to Python without setting an exception [pyrefleak-missing-exception]}}
  return Py_NewRef(args[0]);
}

static PyMethodDef methods[] = {
    {"first", (PyCFunction)(void (*)(void))first, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "first", NULL, 0, methods};

PyMODINIT_FUNC PyInit_first(void) { return PyModule_Create(&module); }
