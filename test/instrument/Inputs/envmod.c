#include <Python.h>

static PyObject *leak(PyObject *self, PyObject *unused) {
  PyObject *list = PyList_New(0);
  (void)list;
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {{"leak", leak, METH_NOARGS, NULL},
                                {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "envmod", NULL, -1,
                                    methods};
PyMODINIT_FUNC PyInit_envmod(void) { return PyModule_Create(&module); }
