// pyrefleak-leak through clang-tidy: an owned reference lost on an error
// path, found by the path-sensitive analysis.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' %s -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *wrap(long n) {
  PyObject *a = PyLong_FromLong(n);
  if (a == NULL)
    return NULL;
  PyObject *t = PyTuple_New(1);
  if (t == NULL)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: owned reference 'a' from 'PyLong_FromLong' is never released [pyrefleak-leak]
  // CHECK-MESSAGES: :[[@LINE-7]]:17: note: new reference 'a' created by 'PyLong_FromLong' here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: taking the false branch
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: taking the true branch
  PyTuple_SET_ITEM(t, 0, a);
  return t;
}
