// A reference created in a loop body and not released before the body's
// scope ends is lost at the end of each iteration.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int fill_index(PyObject *index, PyObject *value, int count) {
  for (int i = 0; i < count; i++) {
    PyObject *key = PyUnicode_FromFormat("k%d", i); // expected-note {{new reference 'key' created by 'PyUnicode_FromFormat' here}}
    if (key == NULL)                                // expected-note {{taking the false branch}}
      return -1;
    if (PyDict_SetItem(index, key, value) < 0) { // expected-note {{taking the false branch}}
      Py_DECREF(key);
      return -1;
    }
  } // expected-warning {{owned reference 'key' from 'PyUnicode_FromFormat' is never released [pyrefleak-leak]}}
  return 0;
}

int fill_index_fixed(PyObject *index, PyObject *value, int count) {
  for (int i = 0; i < count; i++) {
    PyObject *key = PyUnicode_FromFormat("k%d", i);
    if (key == NULL)
      return -1;
    int rc = PyDict_SetItem(index, key, value);
    Py_DECREF(key);
    if (rc < 0)
      return -1;
  } // no-warning
  return 0;
}

// Leaving the loop early with break.
int first_negative(PyObject *seq, Py_ssize_t n) {
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *item = PySequence_GetItem(seq, i); // expected-note {{new reference 'item' created by 'PySequence_GetItem' here}}
    if (item == NULL)                             // expected-note {{taking the false branch}}
      return -1;
    long v = PyLong_AsLong(item);
    if (v < 0) // expected-note {{taking the true branch}}
      break;   // expected-warning {{owned reference 'item' from 'PySequence_GetItem' is never released}}
    Py_DECREF(item);
  }
  return 0;
}
