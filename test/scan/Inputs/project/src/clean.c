#define PY_SSIZE_T_CLEAN
#include <Python.h>

int record_fixed(PyObject *lines, long lineno) {
  PyObject *key = PyLong_FromLong(lineno);
  if (key == NULL)
    return -1;
  int rc = PyDict_SetItem(lines, key, Py_None);
  Py_DECREF(key);
  return rc;
}
