#include "common.h"

PyObject *pair(PyObject *name, Py_ssize_t n) {
  if (remember(name, (long)n) < 0)
    return NULL;
  return Py_BuildValue("(OO)", name, PyLong_FromSsize_t(n));
}
