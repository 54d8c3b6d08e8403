// Build formats: "O" takes a reference of its own, "N" steals.
// RUN: %clang_verify %s
// RUN: cp %s %t.c
// RUN: %clang -fsyntax-only -fplugin=%pyrefleak_plugin -fplugin-arg-pyrefleak-rules-dir=%rules_dir -I%python_include -Xclang -fixit %t.c
// RUN: FileCheck --check-prefix=FIXED %s < %t.c
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *pair_with_count(PyObject *name, Py_ssize_t n) {
  return Py_BuildValue("(OO)", name, PyLong_FromSsize_t(n)); // expected-warning {{'Py_BuildValue' does not steal argument 3; the new reference from 'PyLong_FromSsize_t' is never released [pyrefleak-leak]}} expected-note {{use a format unit that steals the reference to pass ownership to 'Py_BuildValue'}}
}
// FIXED: return Py_BuildValue("(ON)", name, PyLong_FromSsize_t(n));

PyObject *pair_stealing(PyObject *name, Py_ssize_t n) {
  return Py_BuildValue("(ON)", name, PyLong_FromSsize_t(n)); // no-warning
}

PyObject *call_method(PyObject *o, long n) {
  return PyObject_CallMethod(o, "f", "O", PyLong_FromLong(n)); // expected-warning {{'PyObject_CallMethod' does not steal argument 4}} expected-note {{use a format unit that steals}}
}
// FIXED: return PyObject_CallMethod(o, "f", "N", PyLong_FromLong(n));
