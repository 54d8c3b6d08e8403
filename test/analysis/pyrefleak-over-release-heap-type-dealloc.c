// A heap type's tp_dealloc releases the instance's reference to its type:
// Py_DECREF of what Py_TYPE returned is right there.
// The rules describe Py_TYPE with `returns: value` (a type pointer the
// caller does not manage), not as the borrowed reference the C API
// documentation calls it.
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static void Heap_dealloc(PyObject *self) {
  PyTypeObject *tp = Py_TYPE(self);
  PyObject_GC_UnTrack(self);
  tp->tp_free(self);
  Py_DECREF(tp);
}

static PyType_Slot heap_slots[] = {
    {Py_tp_dealloc, Heap_dealloc},
    {0, NULL},
};

void *keep[] = {heap_slots};
