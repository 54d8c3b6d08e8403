// pyrefleak-null-deref through clang-tidy.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-null-deref' %s -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

Py_ssize_t repr_length(PyObject *o) {
  PyObject *s = PyObject_Repr(o);
  Py_ssize_t n = PyUnicode_GET_LENGTH(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 's' from 'PyObject_Repr' may be NULL and is dereferenced by 'PyUnicode_GET_LENGTH' [pyrefleak-null-deref]
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: new reference 's' created by 'PyObject_Repr' here
  Py_DECREF(s);
  return n;
}

// Right: checked first.
Py_ssize_t repr_length_checked(PyObject *o) {
  PyObject *s = PyObject_Repr(o);
  if (s == NULL)
    return -1;
  Py_ssize_t n = PyUnicode_GET_LENGTH(s);
  Py_DECREF(s);
  return n;
}
