#include "shapes.h"

/* A new reference, or NULL with an exception set. */
PyObject *shape_label(long sides) {
  return PyUnicode_FromFormat("%ld-gon", sides);
}

/* Takes the reference to shape, whether it succeeds or not. */
int shape_register(PyObject *registry, PyObject *shape) {
  int status = PyList_Append(registry, shape);
  Py_DECREF(shape);
  return status;
}

/* Borrowed from the registry. */
PyObject *shape_lookup(PyObject *registry, long sides) {
  return PyList_GetItem(registry, sides - 3);
}

static PyObject *shape_unused(void) { return PyLong_FromLong(0); }
