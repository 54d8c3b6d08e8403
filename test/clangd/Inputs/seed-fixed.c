#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* The coverage.py tracer bug, fixed: the key is released after the call. */
static int record_line(PyObject *lines, long lineno) {
  PyObject *key = PyLong_FromLong(lineno);
  if (key == NULL)
    return -1;
  int rc = PyDict_SetItem(lines, key, Py_None);
  Py_DECREF(key);
  return rc;
}
