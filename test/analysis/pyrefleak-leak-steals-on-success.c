// PyModule_AddObject steals its value only when it succeeds: on failure the
// caller still owns it.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int add_error_type(PyObject *module) {
  PyObject *err = PyErr_NewException("demo.Error", NULL, NULL); // expected-note {{new reference 'err' created by 'PyErr_NewException' here}}
  if (err == NULL) // expected-note {{taking the false branch}}
    return -1;
  if (PyModule_AddObject(module, "Error", err) < 0) // expected-note {{'PyModule_AddObject' fails here and does not take 'err'}} \
                                                    // expected-note {{taking the true branch}}
    return -1; // expected-warning {{owned reference 'err' from 'PyErr_NewException' is never released [pyrefleak-leak]}}
  return 0;
}

int add_version(PyObject *module) {
  PyObject *v = PyUnicode_FromString("1.0");
  if (v == NULL)
    return -1;
  if (PyModule_AddObject(module, "version", v) < 0) {
    Py_DECREF(v);
    return -1;
  }
  return 0; // no-warning
}

// The result is not tested: the value leaks when the call fails
// (pyrefleak-leak-ignored-status.c has the fix-its).
int add_untested(PyObject *module) {
  PyObject *v = PyLong_FromLong(42); // expected-note {{new reference 'v' created by 'PyLong_FromLong' here}}
  if (v == NULL)                     // expected-note {{taking the false branch}}
    return -1;
  PyModule_AddObject(module, "answer", v); // expected-warning {{'PyModule_AddObject' steals 'v' only when it succeeds, and its result is ignored}} \
                                           // expected-note-re {{{{test the result|use 'PyModule_Add'}}{{.*}}}}
  return 0;
}

// Releasing after a successful steal is an over-release.
int add_then_release(PyObject *module) {
  PyObject *v = PyLong_FromLong(7); // expected-note {{new reference 'v' created by 'PyLong_FromLong' here}}
  if (v == NULL) // expected-note {{taking the false branch}}
    return -1;
  if (PyModule_AddObject(module, "seven", v) < 0) { // expected-note {{'v' stolen by 'PyModule_AddObject' here}} \
                                                    // expected-note {{taking the false branch}}
    Py_DECREF(v);
    return -1;
  }
  Py_DECREF(v); // expected-warning {{releasing 'v', which is no longer owned here [pyrefleak-over-release]}}
  return 0;
}
