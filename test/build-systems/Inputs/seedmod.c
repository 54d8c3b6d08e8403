#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The coverage.py tracer bug: the key's new reference is never released. */
static PyObject *record(PyObject *self, PyObject *args) {
  PyObject *lines;
  long lineno;
  if (!PyArg_ParseTuple(args, "O!l", &PyDict_Type, &lines, &lineno))
    return NULL;
  if (PyDict_SetItem(lines, PyLong_FromLong(lineno), Py_None) < 0)
    return NULL;
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"record", record, METH_VARARGS, "Record a line number in a dict."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "seedmod", NULL, -1,
                                    methods};

PyMODINIT_FUNC PyInit_seedmod(void) { return PyModule_Create(&module); }
