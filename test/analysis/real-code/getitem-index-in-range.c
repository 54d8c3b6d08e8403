// False class 'GetItem index in range': the list came from an `O!` of
// &PyList_Type and its size was tested non-zero, so item 0 exists and
// PyList_GetItem cannot return NULL. Seen in zstandard
// (decompress_content_dict_chain).
// XFAIL: *
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *first_length(PyObject *self, PyObject *args) {
  PyObject *chunks, *chunk;
  if (!PyArg_ParseTuple(args, "O!:first_length", &PyList_Type, &chunks))
    return NULL;
  if (!PyList_Size(chunks)) {
    PyErr_SetString(PyExc_ValueError, "empty chain");
    return NULL;
  }
  chunk = PyList_GetItem(chunks, 0);
  if (!PyBytes_Check(chunk)) {
    PyErr_SetString(PyExc_TypeError, "chunk 0 must be bytes");
    return NULL;
  }
  return PyLong_FromSsize_t(PyBytes_GET_SIZE(chunk));
}

static PyMethodDef methods[] = {{"first_length", first_length, METH_VARARGS, NULL},
                                {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "chain", NULL, 0, methods};

PyMODINIT_FUNC PyInit_chain(void) { return PyModule_Create(&module); }
