// Under a limited API older than 3.12 the singletons are not immortal on
// every Python the extension may run on: returning one by hand is the plain
// over-release whatever the headers' version.
// UNSUPPORTED: free-threaded-headers
// RUN: %clang_verify -DPy_LIMITED_API=0x030B0000 %s
// RUN: %clang_verify -DPy_LIMITED_API=3 %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *by_hand(PyObject *self, PyObject *arg) {
  return Py_None; // expected-warning {{returning borrowed reference 'Py_None' to Python, which will release it [pyrefleak-over-release]}} \
                  // expected-note {{use Py_RETURN_NONE, which returns a new reference on every version}}
}

static PyObject *macro(PyObject *self, PyObject *arg) {
  Py_RETURN_NONE; // no-warning
}

static PyMethodDef methods[] = {
    {"by_hand", by_hand, METH_O, NULL},
    {"macro", macro, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
