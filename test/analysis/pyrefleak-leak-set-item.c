// PyTuple_SET_ITEM and PyList_SET_ITEM do not release the item they
// replace (rules: sets-slot): setting an item that already holds a
// reference loses it. PyTuple_SetItem releases it, and other items are
// other places.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *set_twice(PyObject *module, PyObject *unused) {
  PyObject *t = PyTuple_New(2);
  if (t == NULL)
    return NULL;
  PyObject *a = PyLong_FromLong(1); // expected-note {{new reference 'a' created by 'PyLong_FromLong' here}}
  if (a == NULL) { // expected-note {{taking the false branch}}
    Py_DECREF(t);
    return NULL;
  }
  PyTuple_SET_ITEM(t, 0, a); // expected-note-re {{'a' stolen by '{{PyTuple_SET_ITEM|t}}' here}}
  a = PyLong_FromLong(2);
  if (a == NULL) { // expected-note {{taking the false branch}}
    Py_DECREF(t);
    return NULL;
  }
  PyTuple_SET_ITEM(t, 0, a); // expected-warning-re {{owned reference '{{t\[0\]|t->ob_item\[0\]}}' from 'PyLong_FromLong' is lost when '{{t\[0\]|t->ob_item\[0\]}}' is assigned again [pyrefleak-leak]}}
  PyTuple_SET_ITEM(t, 1, PyLong_FromLong(3));
  return t;
}

static PyObject *set_each(PyObject *module, PyObject *unused) {
  PyObject *l = PyList_New(2);
  if (l == NULL)
    return NULL;
  for (Py_ssize_t i = 0; i < 2; i++)
    PyList_SET_ITEM(l, i, PyLong_FromSsize_t(i));
  PyObject *t = PyTuple_New(1);
  if (t == NULL) {
    Py_DECREF(l);
    return NULL;
  }
  PyTuple_SET_ITEM(t, 0, PyLong_FromLong(1));
  // PyTuple_SetItem releases the item it replaces.
  if (PyTuple_SetItem(t, 0, l) < 0) {
    Py_DECREF(t);
    return NULL;
  }
  return t;
}

static PyMethodDef methods[] = {
    {"set_twice", set_twice, METH_NOARGS, NULL},
    {"set_each", set_each, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
