// pyrefleak-over-release through clang-tidy: Py_DECREF of a reference that
// was only borrowed, found by the path-sensitive analysis.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-over-release' %s -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

long first_length(PyObject *d) {
  PyObject *v = PyDict_GetItemString(d, "first");
  if (v == NULL)
    return -1;
  long n = (long)PyObject_Length(v);
  Py_DECREF(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: releasing borrowed reference 'v' from 'PyDict_GetItemString' [pyrefleak-over-release]
  // CHECK-MESSAGES: :[[@LINE-6]]:17: note: 'v' is borrowed from 'PyDict_GetItemString' here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: taking the false branch
  return n;
}
