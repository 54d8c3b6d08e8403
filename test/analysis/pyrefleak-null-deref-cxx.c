// Compiled as C++, NULL is __null: a test against it still proves the
// reference not NULL (and a leak on the NULL path is still none).
// RUN: %clang_verify -x c++ %s
// RUN: %clang_verify -x c++ -DNULLPTR %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#ifdef NULLPTR
#define NONE nullptr
#else
#define NONE NULL
#endif

static PyObject *error;

static PyObject *decode(PyObject *self, PyObject *obj) {
  PyObject *u = PyUnicode_FromEncodedObject(obj, "utf-8", NONE);
  if (u == NONE)
    return NONE;
  Py_DECREF(u);
  error = PyErr_NewException("m.Error", PyExc_ValueError, NONE);
  if (error == NONE)
    return NONE;
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"decode", decode, METH_O, NONE},
    {NONE, NONE, 0, NONE},
};
