// False class 'singleton identity alias': a helper returns a new reference
// to Py_False as an end-of-data sentinel; the caller tests `r == Py_False`
// and releases the sentinel by the singleton's name. That release is the
// helper's reference. Seen in regex (splitter_split).
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject_HEAD
  PyObject *parts;
  Py_ssize_t next;
} Splitter;

static PyObject *next_part(Splitter *self) {
  if (self->next >= PyList_GET_SIZE(self->parts)) {
    Py_INCREF(Py_False);
    return Py_False;
  }
  return Py_NewRef(PyList_GET_ITEM(self->parts, self->next++));
}

static PyObject *splitter_split(Splitter *self, PyObject *unused) {
  PyObject *result = next_part(self);
  if (result == Py_False) {
    Py_DECREF(Py_False);
    Py_RETURN_NONE;
  }
  return result;
}

static PyMethodDef splitter_methods[] = {
    {"split", (PyCFunction)splitter_split, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

PyMethodDef *keep_splitter_methods = splitter_methods;
