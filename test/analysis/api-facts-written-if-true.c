// Outputs written only when the call returns true (PyDict_Next): a false
// result leaves the variables as they were, a true one writes borrowed
// references, which are still not the caller's to release.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// The lap's own reference is taken back before each call; the last call
// leaves the NULL in place.
int count_owned(PyObject *d) {
  PyObject *key = NULL, *value = NULL;
  Py_ssize_t pos = 0;
  int n = 0;
  for (;;) {
    Py_CLEAR(value);
    if (!PyDict_Next(d, &pos, &key, &value))
      break;
    Py_INCREF(value);
    n++;
  }
  Py_XDECREF(value);
  return n;
}

int release_lent(PyObject *d) {
  PyObject *key, *value;
  Py_ssize_t pos = 0;
  while (PyDict_Next(d, &pos, &key, &value)) // expected-note {{'value' is borrowed from 'PyDict_Next' here}} \
                                                // expected-note {{entering the loop body}}
    Py_DECREF(value); // expected-warning {{releasing borrowed reference 'value'}}
  return 0;
}

// A true result overwrites the owned reference; after a false one the
// variable does not hold PyDict_Next's borrowed reference.
PyObject *keeps_default(PyObject *d) {
  PyObject *key = PyLong_FromLong(1000); // expected-note {{new reference 'key' created by 'PyLong_FromLong' here}}
  PyObject *value;
  Py_ssize_t pos = 0;
  if (!key) // expected-note {{taking the false branch}}
    return NULL;
  if (!PyDict_Next(d, &pos, &key, &value)) // expected-warning {{owned reference 'key' from 'PyLong_FromLong' is lost when 'key' is assigned again [pyrefleak-leak]}}
    return key;
  return NULL;
}
