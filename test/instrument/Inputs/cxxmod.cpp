#include <Python.h>

PyObject *make_list() { return PyList_New(0); }
PyObject *make_dict() { return PyDict_New(); }
