// Static helpers are summarised from their bodies, callees first: their
// callers are checked against what they return, steal and raise.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *make_label(long n) {
  return PyUnicode_FromFormat("item-%ld", n);
}

// Calls make_label through another helper: still a new reference.
static PyObject *make_label_twice(long n) {
  PyObject *label = make_label(n);
  return label;
}

int print_label(long n) {
  PyObject *label = make_label(n); // expected-note {{new reference 'label' created by 'make_label' here}}
  if (label == NULL)               // expected-note {{taking the false branch}}
    return -1;
  return PyObject_Print(label, stdout, 0); // expected-warning {{owned reference 'label' from 'make_label' is never released [pyrefleak-leak]}}
}

int print_label_twice(long n) {
  PyObject *label = make_label_twice(n);
  if (label == NULL)
    return -1;
  int rc = PyObject_Print(label, stdout, 0);
  Py_DECREF(label);
  return rc; // no-warning
}

// A helper that steals its argument on every path.
static int store_item(PyObject *list, PyObject *item) {
  int rc = PyList_Append(list, item);
  Py_DECREF(item);
  return rc;
}

int store_square(PyObject *list, long n) {
  PyObject *item = PyLong_FromLong(n * n);
  if (item == NULL)
    return -1;
  return store_item(list, item); // no-warning
}

int store_twice(PyObject *list, long n) {
  PyObject *item = PyLong_FromLong(n); // expected-note {{new reference 'item' created by 'PyLong_FromLong' here}}
  if (item == NULL)                    // expected-note {{taking the false branch}}
    return -1;
  if (store_item(list, item) < 0) // expected-note {{'item' stolen by 'store_item' here}} \
                                  // expected-note {{taking the false branch}}
    return -1;
  return store_item(list, item); // expected-warning {{'store_item' steals argument 2, but 'item' is no longer owned here [pyrefleak-over-release]}}
}

// A helper returning a borrowed reference: its result is not the caller's.
static PyObject *lookup(PyObject *dict, const char *key) {
  return PyDict_GetItemString(dict, key);
}

int drop_setting(PyObject *settings) {
  PyObject *v = lookup(settings, "verbose"); // expected-note {{'v' is borrowed from 'lookup' here}}
  if (v == NULL)                             // expected-note {{taking the false branch}}
    return 0;
  Py_DECREF(v); // expected-warning {{releasing borrowed reference 'v' from 'lookup' [pyrefleak-over-release]}}
  return 1;
}

// A new reference from a helper passed inline where it is only borrowed.
int append_label(PyObject *list) {
  return PyList_Append(list, make_label(1)); // expected-warning {{'PyList_Append' does not steal argument 2; the new reference from 'make_label' is never released [pyrefleak-leak]}} \
                                             // expected-note {{store the result of 'make_label' in a variable and release it with Py_DECREF after the call}}
}
