// A function whose paths do not fit the budget is explored again with the
// states that agree on ownership merged (plain values forgotten); one that
// still does not fit gets the path-insensitive pass, and -v (or the
// plugin's verbose argument) names it.
// RUN: %clang_verify %s
// RUN: %clang -fsyntax-only -fplugin=%pyrefleak_plugin -fplugin-arg-pyrefleak-rules-dir=%rules_dir -fplugin-arg-pyrefleak-path-budget=60 -fplugin-arg-pyrefleak-verbose -I%python_include %s 2>&1 | FileCheck --check-prefix=MERGED %s
// RUN: %clang -fsyntax-only -fplugin=%pyrefleak_plugin -fplugin-arg-pyrefleak-rules-dir=%rules_dir -fplugin-arg-pyrefleak-path-budget=3 -fplugin-arg-pyrefleak-verbose -I%python_include %s 2>&1 | FileCheck --check-prefix=SMALL %s
// RUN: %clang -fsyntax-only -fplugin=%pyrefleak_plugin -fplugin-arg-pyrefleak-rules-dir=%rules_dir -fplugin-arg-pyrefleak-path-budget=3 -I%python_include %s 2>&1 | FileCheck --check-prefix=QUIET %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// Six independent choices of a plain value: 64 states as they are, a few
// once they are merged.
static PyObject *modes(PyObject *self, PyObject *args) {
  PyObject *leaked = PyLong_FromLong(1); // expected-note {{new reference 'leaked' created by 'PyLong_FromLong' here}}
  PyObject *fine = PyLong_FromLong(2);
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  int a = 0, b = 0, c = 0, d = 0, e = 0, f = 0;
  if (n > 1) // expected-note {{taking the false branch}}
    a = 1;
  if (n > 2) // expected-note {{taking the false branch}}
    b = 2;
  if (n > 3) // expected-note {{taking the false branch}}
    c = 3;
  if (n > 4) // expected-note {{taking the false branch}}
    d = 4;
  if (n > 5) // expected-note {{taking the false branch}}
    e = 5;
  if (n > 6) // expected-note {{taking the false branch}}
    f = 6;
  Py_XDECREF(fine);
  if (leaked == NULL) // expected-note {{taking the false branch}}
    return NULL;
  return PyLong_FromLong(a + b + c + d + e + f); // expected-warning {{owned reference 'leaked' from 'PyLong_FromLong' is never released [pyrefleak-leak]}}
}

// MERGED-NOT: remark:
// MERGED: :34:3: warning: owned reference 'leaked' from 'PyLong_FromLong' is never released
// MERGED-NOT: remark:

// Path-insensitive: nothing in the function can release 'leaked'; 'fine'
// is released somewhere, so it is not reported.
// SMALL-NOT: 'fine'
// SMALL: :15:22: warning: owned reference 'leaked' from 'PyLong_FromLong' is never released [pyrefleak-leak]
// SMALL: :14:18: remark: pyrefleak: 'modes' not fully explored: its paths need more than 3 states; checked by the definite and path-insensitive checks only
// SMALL-NOT: 'fine'
// QUIET-NOT: remark:

static PyMethodDef methods[] = {
    {"modes", modes, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
