// pyrefleak-leak fix-its applied by clang-tidy -fix: a build format unit that
// takes its own reference ("O") becomes the one that steals it ("N").
// RUN: cp %s %t.c
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' -fix %t.c -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
// RUN: FileCheck --check-prefix=CHECK-FIXES %s < %t.c
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *pair_with_count(PyObject *name, Py_ssize_t n) {
  return Py_BuildValue("(OO)", name, PyLong_FromSsize_t(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'Py_BuildValue' does not steal argument 3; the new reference from 'PyLong_FromSsize_t' is never released [pyrefleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: FIX-IT applied suggested code changes
  // CHECK-MESSAGES: :[[@LINE-3]]:38: note: use a format unit that steals the reference to pass ownership to 'Py_BuildValue'
  // CHECK-FIXES: {{^}}  return Py_BuildValue("(ON)", name, PyLong_FromSsize_t(n));{{$}}
}

PyObject *call_method(PyObject *o, long n) {
  return PyObject_CallMethod(o, "f", "lO", n, PyLong_FromLong(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: 'PyObject_CallMethod' does not steal argument 5; the new reference from 'PyLong_FromLong' is never released [pyrefleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:40: note: FIX-IT applied suggested code changes
  // CHECK-MESSAGES: :[[@LINE-3]]:47: note: use a format unit that steals
  // CHECK-FIXES: {{^}}  return PyObject_CallMethod(o, "f", "lN", n, PyLong_FromLong(n));{{$}}
}

// Already stealing: nothing to fix.
PyObject *pair_stealing(PyObject *name, Py_ssize_t n) {
  return Py_BuildValue("(ON)", name, PyLong_FromSsize_t(n));
  // CHECK-FIXES: {{^}}  return Py_BuildValue("(ON)", name, PyLong_FromSsize_t(n));{{$}}
}

// No fix-it where no unit steals: the new reference needs a variable.
int record(PyObject *d, long n) {
  return PyDict_SetItem(d, PyLong_FromLong(n), Py_None);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'PyDict_SetItem' does not steal argument 2
  // CHECK-MESSAGES: :[[@LINE-2]]:28: note: store the result
  // CHECK-FIXES: {{^}}  return PyDict_SetItem(d, PyLong_FromLong(n), Py_None);{{$}}
}
