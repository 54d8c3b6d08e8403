// False class 'API fact: PyDict_Next writes its outputs only when it returns
// true': a loop that clears its owned key and value at the top of each lap,
// takes new references to what PyDict_Next lends, and releases both with
// Py_XDECREF after the loop. When PyDict_Next returns 0 the variables keep
// the NULL of the lap's top. Cython's keyword parser has this shape, so every
// Cython module with keyword arguments was reported (msgpack, PyYAML, yarl,
// frozenlist).
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int copy_string_keys(PyObject *kwds, PyObject *into) {
  PyObject *key = NULL, *value = NULL;
  Py_ssize_t pos = 0;
  while (1) {
    Py_XDECREF(key);
    key = NULL;
    Py_XDECREF(value);
    value = NULL;
    if (!PyDict_Next(kwds, &pos, &key, &value))
      break;
    Py_INCREF(key);
    Py_INCREF(value);
    if (!PyUnicode_Check(key))
      continue;
    if (PyDict_SetItem(into, key, value) < 0)
      goto bad;
  }
  Py_XDECREF(key);
  Py_XDECREF(value);
  return 0;
bad:
  Py_XDECREF(key);
  Py_XDECREF(value);
  return -1;
}

int (*keep_copy_string_keys)(PyObject *, PyObject *) = copy_string_keys;
