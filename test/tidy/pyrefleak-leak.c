// pyrefleak-leak through clang-tidy: new references that are never released,
// and the NOLINT comments that silence the check.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' %s -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// The coverage.py tracer bug: the key's new reference is never released.
int record_line(PyObject *lines, long lineno) {
  return PyDict_SetItem(lines, PyLong_FromLong(lineno), Py_None);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'PyDict_SetItem' does not steal argument 2; the new reference from 'PyLong_FromLong' is never released [pyrefleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:32: note: store the result of 'PyLong_FromLong' in a variable and release it with Py_DECREF after the call
}

void touch(PyObject *o) {
  PyObject_Repr(o);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the new reference returned by 'PyObject_Repr' is discarded and never released [pyrefleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: release the result with Py_XDECREF, or check it for NULL and release it with Py_DECREF
}

// Fixed: the key is released after the call.
int record_line_fixed(PyObject *lines, long lineno) {
  PyObject *key = PyLong_FromLong(lineno);
  if (key == NULL)
    return -1;
  int rc = PyDict_SetItem(lines, key, Py_None);
  Py_DECREF(key);
  return rc;
}

// A stealing parameter takes the new reference.
int fill(PyObject *list, long n) {
  return PyList_SetItem(list, 0, PyLong_FromLong(n));
}

// clang-tidy itself reads the NOLINT comments.
int silenced(PyObject *d, long n) {
  PyDict_SetItem(d, PyLong_FromLong(n), Py_None); // NOLINT(pyrefleak-leak)
  PyDict_SetItem(d, PyLong_FromLong(n), Py_None); // NOLINT
  // NOLINTNEXTLINE(pyrefleak-*)
  PyDict_SetItem(d, PyLong_FromLong(n), Py_None);
  // NOLINTBEGIN(pyrefleak-leak)
  PyDict_SetItem(d, PyLong_FromLong(n), Py_None);
  // NOLINTEND(pyrefleak-leak)
  return 0;
}

int not_silenced(PyObject *d, long n) {
  return PyDict_SetItem(d, PyLong_FromLong(n), Py_None); // NOLINT(pyrefleak-format)
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'PyDict_SetItem' does not steal argument 2; the new reference from 'PyLong_FromLong' is never released [pyrefleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:28: note: store the result
}
