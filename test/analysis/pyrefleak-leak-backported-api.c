// An API newer than the headers compiled against, declared by the code
// itself (as a compatibility header such as pythoncapi-compat's does on
// older Pythons): the function's rule applies all the same, on every
// header version.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if PY_VERSION_HEX < 0x030D0000
int PyDict_GetItemRef(PyObject *mp, PyObject *key, PyObject **result);
int PyModule_Add(PyObject *module, const char *name, PyObject *value);
#endif

// The out-parameter holds a new reference.
PyObject *repr_of_entry(PyObject *d, PyObject *key) {
  PyObject *value;
  if (PyDict_GetItemRef(d, key, &value) < 0) // expected-note {{new reference 'value' created by 'PyDict_GetItemRef' here}} \
                                             // expected-note {{taking the false branch}}
    return NULL;
  if (value == NULL) // expected-note {{taking the false branch}}
    Py_RETURN_NONE;
  return PyObject_Repr(value); // expected-warning {{owned reference 'value' from 'PyDict_GetItemRef' is never released [pyrefleak-leak]}}
}

PyObject *repr_of_entry_released(PyObject *d, PyObject *key) {
  PyObject *value;
  if (PyDict_GetItemRef(d, key, &value) < 0)
    return NULL;
  if (value == NULL)
    Py_RETURN_NONE;
  PyObject *r = PyObject_Repr(value);
  Py_DECREF(value);
  return r;
}

// PyModule_Add steals its value, even on failure and even NULL.
int add_count(PyObject *module, long n) {
  return PyModule_Add(module, "count", PyLong_FromLong(n)); // no-warning
}
