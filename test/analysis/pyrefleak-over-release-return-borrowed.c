// A function CPython calls must return a new reference: returning a
// borrowed one (or Py_None itself) lets the caller release what it does not
// own.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *get_default(PyObject *self, PyObject *options) {
  PyObject *value = PyDict_GetItemString(options, "default"); // expected-note {{'value' is borrowed from 'PyDict_GetItemString' here}}
  if (value == NULL)                                          // expected-note {{taking the false branch}}
    Py_RETURN_NONE;
  return value; // expected-warning {{returning borrowed reference 'value' from 'PyDict_GetItemString' to Python, which will release it [pyrefleak-over-release]}} \
                // expected-note {{return a new reference with Py_NewRef(...)}}
}

// Wrong before 3.12; works on 3.12+ only because None is immortal there.
static PyObject *do_nothing(PyObject *self, PyObject *unused) {
#if PY_VERSION_HEX >= 0x030C0000
  return Py_None; // expected-warning {{returning borrowed reference 'Py_None' to Python works only because it is immortal on Python 3.12 and later; earlier versions and older limited APIs release it one time too many [pyrefleak-over-release]}} \
                  // expected-note {{use Py_RETURN_NONE, which returns a new reference on every version}}
#else
  return Py_None; // expected-warning {{returning borrowed reference 'Py_None' to Python, which will release it [pyrefleak-over-release]}} \
                  // expected-note {{use Py_RETURN_NONE, which returns a new reference on every version}}
#endif
}

static PyObject *iter_self(PyObject *self) {
  return self; // expected-warning {{returning borrowed reference 'self' to Python}} \
               // expected-note {{return a new reference with Py_NewRef(...)}}
}

static PyObject *get_default_fixed(PyObject *self, PyObject *options) {
  PyObject *value = PyDict_GetItemString(options, "default");
  if (value == NULL)
    Py_RETURN_NONE;
  return Py_NewRef(value); // no-warning
}

static PyObject *do_nothing_fixed(PyObject *self, PyObject *unused) {
  Py_INCREF(Py_None);
  return Py_None; // no-warning
}

static PyObject *iter_self_fixed(PyObject *self) {
  Py_INCREF(self);
  return self; // no-warning
}

// Not called by CPython: a helper may return a borrowed reference.
static PyObject *peek(PyObject *options) {
  return PyDict_GetItemString(options, "default"); // no-warning
}

static PyMethodDef methods[] = {
    {"get_default", get_default, METH_O, NULL},
    {"do_nothing", do_nothing, METH_NOARGS, NULL},
    {"get_default_fixed", get_default_fixed, METH_O, NULL},
    {"do_nothing_fixed", do_nothing_fixed, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject IterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "demo.Iter",
    .tp_iter = iter_self,
    .tp_iternext = iter_self_fixed,
};

void *keep[] = {methods, &IterType, peek};
