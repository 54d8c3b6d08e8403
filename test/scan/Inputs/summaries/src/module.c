#include "shapes.h"

int print_label(long sides) {
  PyObject *label = shape_label(sides);
  if (label == NULL)
    return -1;
  return PyObject_Print(label, stdout, 0);
}

int register_label(PyObject *registry, long sides) {
  PyObject *label = shape_label(sides);
  if (label == NULL)
    return -1;
  return shape_register(registry, label);
}

int print_first(PyObject *registry) {
  PyObject *shape = shape_lookup(registry, 3);
  if (shape == NULL)
    return -1;
  int status = PyObject_Print(shape, stdout, 0);
  Py_DECREF(shape);
  return status;
}
