/* The C half of a mixed extension: one list leaked per call. */
#include <Python.h>

PyObject *mixed_leak(PyObject *self, PyObject *unused) {
  PyObject *list = PyList_New(0);
  (void)list;
  Py_RETURN_NONE;
}
