// Which parameters accept NULL is rules data: a possibly-NULL result passed
// to a function that reads its type without a NULL test crashes there; one
// that raises SystemError for a NULL (the abstract API), or is documented
// to accept it (Py_XDECREF, PyObject_SetAttr's value), does not. A new
// reference created inline as the argument is reported once, as a leak.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *attribute_of_item(PyObject *self, PyObject *d) {
  PyObject *item = PyDict_GetItemString(d, "x"); // expected-note {{'item' is borrowed from 'PyDict_GetItemString' here}}
  return PyObject_GetAttrString(item, "y"); // expected-warning {{'item' from 'PyDict_GetItemString' may be NULL and is dereferenced by 'PyObject_GetAttrString' [pyrefleak-null-deref]}}
}

PyObject *attribute_of_item_checked(PyObject *self, PyObject *d) {
  PyObject *item = PyDict_GetItemString(d, "x");
  if (item == NULL)
    return PyErr_Format(PyExc_KeyError, "x");
  return PyObject_GetAttrString(item, "y"); // no-warning
}

// The abstract API tests for NULL itself.
PyObject *item_of_attribute(PyObject *self, PyObject *obj) {
  PyObject *a = PyObject_GetAttrString(obj, "a");
  PyObject *r = PyObject_GetItem(a, self); // no-warning
  Py_XDECREF(a);
  return r;
}

// Deleting an attribute: the value may be NULL.
int clear_attribute(PyObject *obj, PyObject *name) {
  return PyObject_SetAttr(obj, name, NULL); // no-warning
}

// Created inline: one finding, the leak.
PyObject *inline_name(PyObject *self, PyObject *obj) {
  return PyObject_GetAttr(obj, PyUnicode_FromString("n")); // expected-warning {{'PyObject_GetAttr' does not steal argument 2; the new reference from 'PyUnicode_FromString' is never released [pyrefleak-leak]}} \
                                                           // expected-note {{store the result of 'PyUnicode_FromString' in a variable and release it with Py_DECREF after the call}}
}

// PyCallable_Check is false for NULL: past it, the object is not NULL.
PyObject *call_read(PyObject *self, PyObject *file) {
  PyObject *read = PyObject_GetAttrString(file, "read");
  if (!PyCallable_Check(read)) {
    Py_XDECREF(read);
    return PyErr_Format(PyExc_TypeError, "expected a file");
  }
  PyObject *r = PyObject_CallObject(read, NULL); // no-warning
  Py_DECREF(read);
  return r;
}
