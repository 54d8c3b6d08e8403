// References held in fields, slots and globals: a place that owns a
// reference loses it when assigned again, and a Py_INCREF of a place that
// already owns its reference is one the function never releases.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject_HEAD
  PyObject *cache;
  PyObject *slots[4];
  struct {
    PyObject *name;
  } meta;
} Obj;

static PyObject *module_cache;

// Stored, tested, then overwritten without releasing the first list.
static PyObject *obj_reset(Obj *self, PyObject *unused) {
  self->cache = PyList_New(0); // expected-note {{new reference 'self->cache' created by 'PyList_New' here}}
  if (self->cache == NULL)     // expected-note {{taking the false branch}}
    return NULL;
  (*self).cache = PyDict_New(); // expected-warning {{owned reference 'self->cache' from 'PyList_New' is lost when 'self->cache' is assigned again [pyrefleak-leak]}}
  if (self->cache == NULL)
    return NULL;
  Py_RETURN_NONE;
}

// The field owns the list already; the Py_INCREF is one reference too many.
static PyObject *obj_fill(Obj *self, PyObject *unused) {
  self->cache = PyList_New(0); // expected-note {{new reference 'self->cache' created by 'PyList_New' here}}
  if (!self->cache)            // expected-note {{taking the false branch}}
    return NULL;
  Py_INCREF(self->cache); // expected-note {{'self->cache' gets a new reference here}}
  Py_RETURN_NONE;         // expected-warning {{owned reference 'self->cache' from 'PyList_New' is never released [pyrefleak-leak]}}
}

// A nested field and a slot with a constant index are places of their own.
static PyObject *obj_name(Obj *self, PyObject *arg) {
  self->meta.name = PyObject_Str(arg); // expected-note {{new reference 'self->meta.name' created by 'PyObject_Str' here}}
  self->slots[1] = PyObject_Repr(arg); // expected-note {{new reference 'self->slots[1]' created by 'PyObject_Repr' here}} \
                                       // expected-note {{'self->slots[1]' stolen by 'self' here}}
  self->meta.name = PyObject_Repr(arg); // expected-warning {{owned reference 'self->meta.name' from 'PyObject_Str' is lost when 'self->meta.name' is assigned again}}
  int i = 1;
  self->slots[i] = NULL; // expected-warning {{owned reference 'self->slots[1]' from 'PyObject_Repr' is lost when 'self->slots[1]' is assigned again}}
  Py_RETURN_NONE;
}

// A module global, filled twice.
static PyObject *load_cache(PyObject *module, PyObject *unused) {
  module_cache = PyDict_New(); // expected-note {{new reference 'module_cache' created by 'PyDict_New' here}}
  if (module_cache == NULL)    // expected-note {{taking the false branch}}
    return NULL;
  module_cache = PyDict_New(); // expected-warning {{owned reference 'module_cache' from 'PyDict_New' is lost when 'module_cache' is assigned again}}
  Py_RETURN_NONE;
}

// A local array of references: each slot with a known index is followed,
// and the one not handed to the tuple leaks.
static PyObject *pair(PyObject *module, PyObject *args) {
  PyObject *parts[2];
  parts[0] = PyLong_FromLong(1);
  if (parts[0] == NULL)
    return NULL;
  parts[1] = PyLong_FromLong(2); // expected-note {{new reference 'parts[1]' created by 'PyLong_FromLong' here}}
  if (parts[1] == NULL) {        // expected-note {{taking the false branch}}
    Py_DECREF(parts[0]);
    return NULL;
  }
  PyObject *t = PyTuple_New(1);
  if (t == NULL) { // expected-note {{taking the false branch}}
    Py_DECREF(parts[0]);
    Py_DECREF(parts[1]);
    return NULL;
  }
  PyTuple_SET_ITEM(t, 0, parts[0]);
  return t; // expected-warning {{owned reference 'parts[1]' from 'PyLong_FromLong' is never released}}
}

static PyMethodDef methods[] = {
    {"reset", (PyCFunction)obj_reset, METH_NOARGS, NULL},
    {"fill", (PyCFunction)obj_fill, METH_NOARGS, NULL},
    {"name", (PyCFunction)obj_name, METH_O, NULL},
    {"load_cache", load_cache, METH_NOARGS, NULL},
    {"pair", pair, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
