// References held in fields, slots and globals, handled correctly: the
// old value released before the place is assigned again (by hand, with
// Py_SETREF, Py_XSETREF or Py_CLEAR), a new reference given to the place,
// a borrowed one retained for it, and places the model cannot follow.
// RUN: %clang_verify %s
// Before 3.11 PyTuple_SET_ITEM is a macro storing into ob_item[i]: a
// field's reference moved into a followed tuple that way is not yet seen
// to leave the field.
// XFAIL: !python-ge-3.11
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject_HEAD
  PyObject *cache;
  PyObject *slots[4];
} Obj;

static PyObject *module_cache;
void external_reset(Obj *self);

static PyObject *obj_setref(Obj *self, PyObject *unused) {
  self->cache = PyList_New(0);
  if (self->cache == NULL)
    return NULL;
  PyObject *d = PyDict_New();
  if (d == NULL)
    return NULL;
  Py_SETREF(self->cache, d);
  Py_XSETREF(self->cache, PyDict_New());
  if (self->cache == NULL)
    return NULL;
  Py_CLEAR(self->cache);
  self->cache = PyList_New(0);
  Py_RETURN_NONE;
}

static PyObject *obj_by_hand(Obj *self, PyObject *unused) {
  self->cache = PyList_New(0);
  if (!self->cache)
    return NULL;
  Py_DECREF(self->cache);
  self->cache = PyList_New(0);
  if (!self->cache)
    return NULL;
  PyObject *old = self->cache;
  self->cache = PyDict_New();
  Py_DECREF(old);
  if (!self->cache)
    return NULL;
  PyObject *t = PyTuple_New(1);
  if (!t)
    return NULL;
  // The field's reference moves to the tuple.
  PyTuple_SET_ITEM(t, 0, self->cache);
  self->cache = NULL;
  return t;
}

// A borrowed argument retained for the field, before or after the store.
static PyObject *obj_keep(Obj *self, PyObject *arg) {
  Py_INCREF(arg);
  Py_XSETREF(self->cache, arg);
  self->slots[0] = arg;
  Py_INCREF(arg);
  self->slots[0] = NULL;
  Py_DECREF(arg);
  Py_INCREF(self->cache);
  return self->cache;
}

// What a helper does to the object's fields is not known.
static PyObject *obj_external(Obj *self, PyObject *unused) {
  self->cache = PyList_New(0);
  if (!self->cache)
    return NULL;
  external_reset(self);
  self->cache = PyList_New(0);
  Py_RETURN_NONE;
}

// Another object's field is another place.
static PyObject *obj_two(Obj *self, PyObject *other) {
  Obj *p = self;
  p->cache = PyList_New(0);
  p = (Obj *)other;
  p->cache = PyList_New(0);
  Py_RETURN_NONE;
}

// Slots with an index the path does not know are not followed.
static PyObject *fill(PyObject *module, PyObject *args) {
  PyObject *items[8];
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n > 8)
    n = 8;
  for (Py_ssize_t i = 0; i < n; i++)
    items[i] = PyLong_FromSsize_t(i);
  PyObject *t = PyTuple_New(n);
  for (Py_ssize_t i = 0; i < n; i++) {
    if (t)
      PyTuple_SET_ITEM(t, i, items[i]);
    else
      Py_XDECREF(items[i]);
  }
  return t;
}

// Module state set once, then replaced with the old value released.
static PyObject *load_cache(PyObject *module, PyObject *unused) {
  module_cache = PyDict_New();
  if (module_cache == NULL)
    return NULL;
  Py_XDECREF(module_cache);
  module_cache = PyDict_New();
  if (module_cache == NULL)
    return NULL;
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"setref", (PyCFunction)obj_setref, METH_NOARGS, NULL},
    {"by_hand", (PyCFunction)obj_by_hand, METH_NOARGS, NULL},
    {"keep", (PyCFunction)obj_keep, METH_O, NULL},
    {"external", (PyCFunction)obj_external, METH_NOARGS, NULL},
    {"two", (PyCFunction)obj_two, METH_O, NULL},
    {"fill", fill, METH_VARARGS, NULL},
    {"load_cache", load_cache, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
