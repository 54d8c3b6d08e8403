// A field the file releases (here in tp_dealloc) owns its reference: a
// Python-facing function that finds it not NULL and assigns it again
// without releasing it leaks the old object. Fields never released (a
// borrowed back-pointer) and fields not known to be set stay silent.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject_HEAD
  PyObject *value;  // Owned: released in node_dealloc.
  PyObject *parent; // Borrowed: never released.
} Node;

static void node_dealloc(Node *self) {
  Py_CLEAR(self->value);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

// The old value, known not NULL, is overwritten.
static int node_set_value(Node *self, PyObject *value, void *closure) {
  if (self->value == NULL) { // expected-note {{taking the false branch}}
    PyErr_SetString(PyExc_AttributeError, "value");
    return -1;
  }
  Py_INCREF(value);
  self->value = value; // expected-warning {{owned reference 'self->value' is lost when 'self->value' is assigned again [pyrefleak-leak]}}
  return 0;
}

// Released first, or swapped with Py_XSETREF: fine. The borrowed parent is
// not the field's to release.
static int node_set_clean(Node *self, PyObject *value, void *closure) {
  if (value == NULL) {
    PyErr_SetString(PyExc_AttributeError, "clean");
    return -1;
  }
  if (self->value != NULL) {
    Py_INCREF(value);
    Py_XSETREF(self->value, value);
  }
  if (self->parent != NULL)
    self->parent = value;
  // Whether it held anything is unknown: not reported.
  Py_INCREF(value);
  Py_XSETREF(self->value, value);
  return 0;
}

static PyObject *node_get_value(Node *self, void *closure) {
  if (self->value == NULL)
    Py_RETURN_NONE;
  return Py_NewRef(self->value);
}

static PyGetSetDef node_getset[] = {
    {"value", (getter)node_get_value, (setter)node_set_value, NULL, NULL},
    {"clean", NULL, (setter)node_set_clean, NULL, NULL},
    {NULL},
};

static PyTypeObject NodeType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "m.Node",
    .tp_basicsize = sizeof(Node),
    .tp_dealloc = (destructor)node_dealloc,
    .tp_getset = node_getset,
};
