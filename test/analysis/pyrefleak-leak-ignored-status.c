// PyModule_AddObject steals its value only when it succeeds: with its
// result ignored, the value leaks when it fails. The fix-it names the
// replacement that steals either way where the headers declare one.
// RUN: %clang_verify %s
// RUN: %clang_verify -DCHECKED %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#ifndef CHECKED
static int exec_ignored(PyObject *m) {
  PyObject *v = PyLong_FromLong(1); // expected-note {{new reference 'v' created by 'PyLong_FromLong' here}}
  if (v == NULL)                    // expected-note {{taking the false branch}}
    return -1;
  PyModule_AddObject(m, "one", v); // expected-warning {{'PyModule_AddObject' steals 'v' only when it succeeds, and its result is ignored: when it fails, 'v' from 'PyLong_FromLong' is never released [pyrefleak-leak]}} \
                                   // expected-note-re {{{{use 'PyModule_Add', which steals the reference even when it fails|test the result and release 'v' when it fails( or use 'PyModule_AddObjectRef' and release 'v' after the call)?}}}}
  return 0;
}

static PyTypeObject Type = {PyVarObject_HEAD_INIT(NULL, 0) "m.T"};

// The reference Py_INCREF gave the static type is the one lost.
static int exec_type(PyObject *m) {
  if (PyType_Ready(&Type) < 0)
    return -1;
  Py_INCREF(&Type); // expected-note {{'Type' gets a new reference here}}
  PyModule_AddObject(m, "T", (PyObject *)&Type); // expected-warning {{'PyModule_AddObject' steals 'Type' only when it succeeds}} \
                                                 // expected-note-re {{{{use 'PyModule_Add'|test the result}}{{.*}}}}
  return 0;
}
#else
// expected-no-diagnostics
static int exec_checked(PyObject *m) {
  PyObject *v = PyLong_FromLong(1);
  if (v == NULL)
    return -1;
  if (PyModule_AddObject(m, "one", v) < 0) {
    Py_DECREF(v);
    return -1;
  }
  // A borrowed static object is not the caller's to leak.
  (void)PyModule_AddObject(m, "none", Py_None);
  return 0;
}
#endif
