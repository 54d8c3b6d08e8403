// pyrefleak-missing-exception through clang-tidy.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-missing-exception' %s -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *one_argument(PyObject *self, PyObject *args) {
  if (PyTuple_GET_SIZE(args) != 1)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'one_argument' returns NULL to Python without setting an exception [pyrefleak-missing-exception]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: taking the true branch
  return Py_NewRef(PyTuple_GET_ITEM(args, 0));
}

// Right: the failure comes with an exception.
static PyObject *one_argument_fixed(PyObject *self, PyObject *args) {
  if (PyTuple_GET_SIZE(args) != 1) {
    PyErr_SetString(PyExc_TypeError, "expected one argument");
    return NULL;
  }
  return Py_NewRef(PyTuple_GET_ITEM(args, 0));
}

static PyMethodDef methods[] = {
    {"one_argument", one_argument, METH_VARARGS, NULL},
    {"one_argument_fixed", one_argument_fixed, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "m", NULL, -1,
                                    methods};

PyMODINIT_FUNC PyInit_m(void) { return PyModule_Create(&module); }
