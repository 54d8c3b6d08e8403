// A function that needs more states than the budget, even merged, is not
// reported from a partial exploration: only the path-insensitive pass
// runs, and 'item', released somewhere, is not its finding.
// RUN: %clang_verify %s
// RUN: %clang -fsyntax-only -fplugin=%pyrefleak_plugin -fplugin-arg-pyrefleak-rules-dir=%rules_dir -fplugin-arg-pyrefleak-path-budget=3 -I%python_include %s 2>&1 | FileCheck --allow-empty --check-prefix=SMALL %s
// SMALL-NOT: warning:
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int append_square(PyObject *list, long n) {
  PyObject *item = PyLong_FromLong(n * n); // expected-note {{new reference 'item' created by 'PyLong_FromLong' here}}
  if (item == NULL)                        // expected-note {{taking the false branch}}
    return -1;
  if (PyList_Append(list, item) < 0) // expected-note {{taking the true branch}}
    return -1;                       // expected-warning {{owned reference 'item' from 'PyLong_FromLong' is never released [pyrefleak-leak]}}
  Py_DECREF(item);
  return 0;
}
