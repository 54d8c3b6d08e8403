// PyObject_CallFunction and PyObject_CallMethod build their arguments with
// Py_BuildValue formats; a NULL format means no arguments.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *call_function(PyObject *f, PyObject *o, long n) {
  return PyObject_CallFunction(f, "(Ol)", o, n); // no-warning
}

PyObject *call_function_missing(PyObject *f, PyObject *o) {
  return PyObject_CallFunction(f, "Oi", o); // expected-warning {{'PyObject_CallFunction' format "Oi" needs 2 arguments but 1 is given [pyrefleak-format]}}
}

PyObject *call_function_type(PyObject *f, Py_ssize_t n) {
  return PyObject_CallFunction(f, "i", n); // expected-warning {{format unit 'i' of 'PyObject_CallFunction' expects 'int' for argument 3, but 'Py_ssize_t' is given [pyrefleak-format]}}
}

PyObject *call_method(PyObject *o, const char *text, double d) {
  return PyObject_CallMethod(o, "write", "sd", text, d); // no-warning
}

PyObject *call_method_extra(PyObject *o, const char *text) {
  return PyObject_CallMethod(o, "write", "s", text, text); // expected-warning {{'PyObject_CallMethod' format "s" needs 1 argument but 2 are given [pyrefleak-format]}}
}

PyObject *call_method_no_format(PyObject *o) {
  return PyObject_CallMethod(o, "close", NULL); // no-warning
}
