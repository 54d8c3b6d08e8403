// Two creations reaching the same variable and leaking at the same exit
// are two findings, each with its own creation site, even from one API.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *either(PyObject *self, PyObject *arg) {
  PyObject *x;
  if (PyObject_IsTrue(arg) > 0)
    x = PyLong_FromLong(1); // expected-note {{new reference 'x' created by 'PyLong_FromLong' here}}
  else
    x = PyLong_FromLong(2); // expected-note {{new reference 'x' created by 'PyLong_FromLong' here}}
  if (x == NULL) // expected-note 2 {{taking the false branch}}
    return NULL;
  if (PyObject_Length(arg) > 3) // expected-note 2 {{taking the true branch}}
    return PyLong_FromLong(0); // expected-warning 2 {{owned reference 'x' from 'PyLong_FromLong' is never released [pyrefleak-leak]}}
  return x;
}

// Clean: each creation handed back or released.
static PyObject *either_clean(PyObject *self, PyObject *arg) {
  PyObject *x;
  if (PyObject_IsTrue(arg) > 0)
    x = PyLong_FromLong(1);
  else
    x = PyLong_FromLong(2);
  if (x == NULL)
    return NULL;
  if (PyObject_Length(arg) > 3) {
    Py_DECREF(x);
    return PyLong_FromLong(0);
  }
  return x;
}

static PyMethodDef methods[] = {
    {"either", either, METH_O, NULL},
    {"either_clean", either_clean, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
