// Functions in the project's headers are checked when clang-tidy reports
// on headers (--header-filter); otherwise only the main file's are.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' %s -- -I%python_include %python_compat -I%S/Inputs | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' --header-filter='helpers\.h' %s -- -I%python_include %python_compat -I%S/Inputs | FileCheck --check-prefixes=CHECK-MESSAGES,HEADER --implicit-check-not='warning:' %s
// HEADER: helpers.h:4:28: warning: 'PyDict_SetItem' does not steal argument 2; the new reference from 'PyLong_FromLong' is never released [pyrefleak-leak]
#include "helpers.h"

int record_twice(PyObject *d, long n) {
  if (remember(d, n) < 0)
    return -1;
  return PyDict_SetItem(d, PyLong_FromLong(n), Py_None);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'PyDict_SetItem' does not steal argument 2; the new reference from 'PyLong_FromLong' is never released [pyrefleak-leak]
}
