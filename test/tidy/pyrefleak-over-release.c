// pyrefleak-over-release through clang-tidy: a borrowed reference passed to
// a parameter that steals it.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-over-release' %s -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int copy_first(PyObject *list, PyObject *d) {
  return PyList_SetItem(list, 0, PyDict_GetItemString(d, "first"));
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'PyList_SetItem' steals argument 3, but the reference from 'PyDict_GetItemString' is borrowed [pyrefleak-over-release]
  // CHECK-MESSAGES: :[[@LINE-2]]:34: note: pass Py_NewRef(...) to give 'PyList_SetItem' a reference of its own
}

// Right: the list gets a reference of its own.
int copy_first_fixed(PyObject *list, PyObject *d) {
  PyObject *v = PyDict_GetItemString(d, "first");
  if (v == NULL)
    return -1;
  return PyList_SetItem(list, 0, Py_NewRef(v));
}
