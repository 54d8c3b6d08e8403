// False class 'Py_RETURN_NONE is a new reference': on 3.12+ the headers'
// Py_RETURN_NONE is a plain `return Py_None` (None is immortal), but it
// still hands the caller a reference to release, on every version. A caller
// that releases a static helper's None result must stay silent. Seen in
// bitarray (fromfile releases frombytes' result) on 3.13 headers only.
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *extend_from(PyObject *self, PyObject *bytes) {
  if (!PyBytes_Check(bytes)) {
    PyErr_SetString(PyExc_TypeError, "bytes expected");
    return NULL;
  }
  Py_RETURN_NONE;
}

static PyObject *extend_twice(PyObject *self, PyObject *bytes) {
  PyObject *ret = extend_from(self, bytes);
  if (ret == NULL)
    return NULL;
  Py_DECREF(ret);
  ret = extend_from(self, bytes);
  if (ret == NULL)
    return NULL;
  Py_DECREF(ret);
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {{"extend_twice", extend_twice, METH_O, NULL},
                                {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "nones", NULL, 0, methods};

PyMODINIT_FUNC PyInit_nones(void) { return PyModule_Create(&module); }
