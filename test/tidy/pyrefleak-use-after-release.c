// pyrefleak-use-after-release through clang-tidy.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-use-after-release' %s -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

long release_then_read(PyObject *o) {
  PyObject *n = PyNumber_Long(o);
  if (n == NULL)
    return -1;
  Py_DECREF(n);
  return PyLong_AsLong(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'n' is used after its last owned reference was released [pyrefleak-use-after-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:17: note: new reference 'n' created by 'PyNumber_Long' here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: taking the false branch
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'n' released by 'Py_DECREF' here
}

// Right: read, then release.
long read_then_release(PyObject *o) {
  PyObject *n = PyNumber_Long(o);
  if (n == NULL)
    return -1;
  long v = PyLong_AsLong(n);
  Py_DECREF(n);
  return v;
}
