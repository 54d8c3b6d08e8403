#include <Python.h>

static inline int remember(PyObject *d, long n) {
  return PyDict_SetItem(d, PyLong_FromLong(n), Py_None);
}
