// Releasing a borrowed reference, or handing it to a stealing parameter
// through a variable, gives up a reference the function never owned.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int drop_cached(PyObject *cache, PyObject *key) {
  PyObject *value = PyDict_GetItemWithError(cache, key); // expected-note {{'value' is borrowed from 'PyDict_GetItemWithError' here}}
  if (value == NULL)                                     // expected-note {{taking the false branch}}
    return PyErr_Occurred() ? -1 : 0;
  Py_DECREF(value); // expected-warning {{releasing borrowed reference 'value' from 'PyDict_GetItemWithError' [pyrefleak-over-release]}}
  return 1;
}

PyObject *first_of_each(PyObject *self, PyObject *pair) {
  PyObject *out = PyList_New(1);
  if (out == NULL)
    return NULL;
  PyObject *first = PyTuple_GetItem(pair, 0); // expected-note {{'first' is borrowed from 'PyTuple_GetItem' here}}
  if (first == NULL) {                        // expected-note {{taking the false branch}}
    Py_DECREF(out);
    return NULL;
  }
  PyList_SetItem(out, 0, first); // expected-warning {{'PyList_SetItem' steals argument 3, but 'first' from 'PyTuple_GetItem' is borrowed [pyrefleak-over-release]}}
  return out;
}

// Giving the list a reference of its own: clean.
PyObject *first_of_each_fixed(PyObject *self, PyObject *pair) {
  PyObject *out = PyList_New(1);
  if (out == NULL)
    return NULL;
  PyObject *first = PyTuple_GetItem(pair, 0);
  if (first == NULL) {
    Py_DECREF(out);
    return NULL;
  }
  Py_INCREF(first);
  PyList_SetItem(out, 0, first); // no-warning
  return out;
}

// The arguments of a method are borrowed from the caller.
static PyObject *consume(PyObject *self, PyObject *arg) {
  Py_DECREF(arg); // expected-warning {{releasing borrowed reference 'arg' [pyrefleak-over-release]}}
  Py_RETURN_NONE;
}

// PyArg_ParseTuple's "O" outputs are borrowed too.
static PyObject *consume_parsed(PyObject *self, PyObject *args) {
  PyObject *obj;
  if (!PyArg_ParseTuple(args, "O", &obj)) // expected-note {{'obj' is borrowed from 'PyArg_ParseTuple' here}} \
                                          // expected-note {{taking the false branch}}
    return NULL;
  Py_DECREF(obj); // expected-warning {{releasing borrowed reference 'obj' from 'PyArg_ParseTuple'}}
  Py_RETURN_NONE;
}

// A helper's parameter: whether the caller passed an owned reference is
// the helper's contract, not known here.
static void release_it(PyObject *obj) {
  Py_DECREF(obj); // no-warning
}

static PyMethodDef methods[] = {
    {"consume", consume, METH_O, NULL},
    {"consume_parsed", consume_parsed, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

void *keep[] = {methods, release_it};
