// An owned reference that reaches a return on an error path.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *first_item_list(PyObject *self, PyObject *args) {
  PyObject *list = PyList_New(1); // expected-note {{new reference 'list' created by 'PyList_New' here}}
  if (list == NULL)               // expected-note {{taking the false branch}}
    return NULL;
  PyObject *item = PyUnicode_FromString("first");
  if (item == NULL) // expected-note {{taking the true branch}}
    return NULL;    // expected-warning {{owned reference 'list' from 'PyList_New' is never released [pyrefleak-leak]}}
  PyList_SET_ITEM(list, 0, item);
  return list;
}

int append_square(PyObject *list, long n) {
  PyObject *item = PyLong_FromLong(n * n); // expected-note {{new reference 'item' created by 'PyLong_FromLong' here}}
  if (item == NULL)                        // expected-note {{taking the false branch}}
    return -1;
  if (PyList_Append(list, item) < 0) // expected-note {{taking the true branch}}
    return -1;                       // expected-warning {{owned reference 'item' from 'PyLong_FromLong' is never released}}
  Py_DECREF(item);
  return 0;
}

// Releasing on the error path too: clean.
int append_square_fixed(PyObject *list, long n) {
  PyObject *item = PyLong_FromLong(n * n);
  if (item == NULL)
    return -1;
  int rc = PyList_Append(list, item);
  Py_DECREF(item);
  return rc; // no-warning
}

// goto-based cleanup that forgets one of the references.
PyObject *make_pair(PyObject *self, PyObject *args) {
  PyObject *a = NULL, *b = NULL, *result;
  a = PyLong_FromLong(1000); // expected-note {{new reference 'a' created by 'PyLong_FromLong' here}}
  if (a == NULL)          // expected-note {{taking the false branch}}
    goto error;
  b = PyLong_FromLong(2000);
  if (b == NULL) // expected-note {{taking the true branch}}
    goto error;
  result = PyTuple_Pack(2, a, b);
  Py_DECREF(a);
  Py_DECREF(b);
  return result;
error:
  Py_XDECREF(b);
  return NULL; // expected-warning {{owned reference 'a' from 'PyLong_FromLong' is never released}}
}

// The same with every reference released on both paths: clean.
PyObject *make_pair_fixed(PyObject *self, PyObject *args) {
  PyObject *a = NULL, *b = NULL, *result = NULL;
  a = PyLong_FromLong(1000);
  if (a == NULL)
    goto done;
  b = PyLong_FromLong(2000);
  if (b == NULL)
    goto done;
  result = PyTuple_Pack(2, a, b);
done:
  Py_XDECREF(a);
  Py_XDECREF(b);
  return result; // no-warning
}
