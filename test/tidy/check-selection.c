// Each pyrefleak check reports only the issues of its own kind, although
// one analysis run finds them all.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-*' %s -- -I%python_include %python_compat | FileCheck --check-prefixes=LEAK,OVER,FORMAT --implicit-check-not='warning:' %s
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' %s -- -I%python_include %python_compat | FileCheck --check-prefix=LEAK --implicit-check-not='warning:' %s
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-over-release' %s -- -I%python_include %python_compat | FileCheck --check-prefix=OVER --implicit-check-not='warning:' %s
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-format' %s -- -I%python_include %python_compat | FileCheck --check-prefix=FORMAT --implicit-check-not='warning:' %s
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-*,-pyrefleak-leak,-pyrefleak-over-release,-pyrefleak-format' %s -- -I%python_include %python_compat | FileCheck --check-prefix=NONE --allow-empty --implicit-check-not='warning:' %s
// NONE-NOT: [pyrefleak-
//
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-*' --list-checks | FileCheck --check-prefix=LIST %s
// LIST: Enabled checks:
// LIST-NEXT: pyrefleak-format
// LIST-NEXT: pyrefleak-leak
// LIST-NEXT: pyrefleak-missing-exception
// LIST-NEXT: pyrefleak-null-deref
// LIST-NEXT: pyrefleak-over-release
// LIST-NEXT: pyrefleak-use-after-release
// LIST-EMPTY:
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int three_problems(PyObject *list, PyObject *d, long n) {
  if (PyDict_SetItem(d, PyLong_FromLong(n), Py_None) < 0)
    // LEAK: :[[@LINE-1]]:25: warning: {{.*}} [pyrefleak-leak]
    return -1;
  if (PyList_SetItem(list, 0, PyDict_GetItemString(d, "k")) < 0)
    // OVER: :[[@LINE-1]]:31: warning: {{.*}} [pyrefleak-over-release]
    return -1;
  PyObject *t = Py_BuildValue("(ii)", 1);
  // FORMAT: :[[@LINE-1]]:31: warning: {{.*}} [pyrefleak-format]
  Py_XDECREF(t);
  return 0;
}
