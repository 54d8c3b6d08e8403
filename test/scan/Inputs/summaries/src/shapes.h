/* The helpers shapes.c exports to the rest of the project. */
#include <Python.h>

PyObject *shape_label(long sides);
int shape_register(PyObject *registry, PyObject *shape);
PyObject *shape_lookup(PyObject *registry, long sides);
