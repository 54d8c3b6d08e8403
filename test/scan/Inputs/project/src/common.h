#ifndef COMMON_H
#define COMMON_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Included by a.c and b.c: its finding is reported once. */
static inline int remember(PyObject *seen, long n) {
  return PyDict_SetItem(seen, PyLong_FromLong(n), Py_None);
}

#endif
