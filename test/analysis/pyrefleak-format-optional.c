// '|' starts the optional arguments, '$' the keyword-only ones; ':' and ';'
// end the units. Both markers belong at the top level, once, in that order.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *optional(PyObject *args) {
  PyObject *object, *callback = NULL;
  int flags = 0;
  if (!PyArg_ParseTuple(args, "O|Oi:ref", &object, &callback, &flags)) // no-warning
    return NULL;
  if (!PyArg_ParseTuple(args, "O|O;expected an object", &object, &callback)) // no-warning
    return NULL;
  if (!PyArg_ParseTuple(args, "O|Ol:ref", &object, &callback, &flags)) // expected-warning {{format unit 'l' of 'PyArg_ParseTuple' expects 'long *' for argument 5, but 'int *' is given}}
    return NULL;
  // Units after ':' are the function's name, not units.
  if (!PyArg_ParseTuple(args, "O:i(x", &object)) // no-warning
    return NULL;
  Py_RETURN_NONE;
}

PyObject *marker_in_group(PyObject *args) {
  int a, b;
  if (!PyArg_ParseTuple(args, "(i|i)", &a, &b)) // expected-warning {{'PyArg_ParseTuple' format "(i|i)" has '|' inside parentheses [pyrefleak-format]}}
    return NULL;
  Py_RETURN_NONE;
}

PyObject *marker_twice(PyObject *args) {
  int a, b;
  if (!PyArg_ParseTuple(args, "i||i", &a, &b)) // expected-warning {{'PyArg_ParseTuple' format "i||i" has '|' more than once}}
    return NULL;
  Py_RETURN_NONE;
}

PyObject *keyword_only_without_keywords(PyObject *args) {
  int a, b;
  if (!PyArg_ParseTuple(args, "i$i", &a, &b)) // expected-warning {{'PyArg_ParseTuple' format "i$i" has '$', but 'PyArg_ParseTuple' takes no keyword list}}
    return NULL;
  Py_RETURN_NONE;
}

PyObject *optional_after_keyword_only(PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"a", "b", NULL};
  int a = 0, b = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i$|i", kwlist, &a, &b)) // expected-warning {{'PyArg_ParseTupleAndKeywords' format "i$|i" has '|' after '$'}}
    return NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i|$i", kwlist, &a, &b)) // no-warning
    return NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i$i", kwlist, &a, &b)) // no-warning
    return NULL;
  Py_RETURN_NONE;
}
