// Sizes: PyTuple_GetItem / PyList_GetItem fail only for an index out of
// range (or an object of another type). An index proven below a size
// taken from the same object cannot fail; anything else still can.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// Bounded by the loop.
Py_ssize_t sum_lengths(PyObject *tuple) {
  Py_ssize_t total = 0;
  Py_ssize_t n = PyTuple_Size(tuple);
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *item = PyTuple_GetItem(tuple, i);
    total += item->ob_type->tp_basicsize; // no-warning
  }
  return total;
}

// Bounded by the size taken again in the condition.
Py_ssize_t sum_list(PyObject *list) {
  Py_ssize_t total = 0;
  for (Py_ssize_t i = 0; i < PyList_Size(list); ++i)
    total += PyList_GetItem(list, i)->ob_type->tp_basicsize; // no-warning
  return total;
}

// Constant indexes after a size test.
PyObject *pair_first(PyObject *self, PyObject *args) {
  if (!PyTuple_Check(args) || PyTuple_Size(args) != 2)
    return PyErr_Format(PyExc_TypeError, "expected a pair");
  PyObject *a = PyTuple_GetItem(args, 0);
  PyObject *b = PyTuple_GetItem(args, 1);
  return PyLong_FromSsize_t(a->ob_type->tp_basicsize + b->ob_type->tp_basicsize); // no-warning
}

Py_ssize_t size_checked_early(PyObject *list) {
  Py_ssize_t n = PyList_Size(list);
  if (n < 3)
    return -1;
  return PyList_GetItem(list, 2)->ob_type->tp_basicsize; // no-warning
}

// The sequence protocol's fast items are never NULL.
Py_ssize_t fast_items(PyObject *seq) {
  PyObject *fast = PySequence_Fast(seq, "expected a sequence");
  if (fast == NULL)
    return -1;
  Py_ssize_t total = 0;
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++)
    total += PySequence_Fast_GET_ITEM(fast, i)->ob_type->tp_basicsize; // no-warning
  Py_DECREF(fast);
  return total;
}

// One past the end: can fail.
Py_ssize_t off_by_one(PyObject *tuple) {
  Py_ssize_t total = 0;
  Py_ssize_t n = PyTuple_Size(tuple);
  for (Py_ssize_t i = 0; i <= n; i++) {
    PyObject *item = PyTuple_GetItem(tuple, i); // expected-note {{'item' is borrowed from 'PyTuple_GetItem' here}}
    total += item->ob_type->tp_basicsize; // expected-warning {{'item' from 'PyTuple_GetItem' may be NULL and is dereferenced [pyrefleak-null-deref]}}
  }
  return total;
}

// The size of another object proves nothing.
Py_ssize_t other_size(PyObject *a, PyObject *b) {
  if (PyTuple_Size(a) < 1)
    return 0;
  PyObject *item = PyTuple_GetItem(b, 0); // expected-note {{'item' is borrowed from 'PyTuple_GetItem' here}}
  return item->ob_type->tp_basicsize; // expected-warning {{'item' from 'PyTuple_GetItem' may be NULL and is dereferenced [pyrefleak-null-deref]}}
}

// An index that may be negative.
Py_ssize_t any_index(PyObject *t, Py_ssize_t i) {
  if (i >= PyTuple_Size(t))
    return 0;
  PyObject *item = PyTuple_GetItem(t, i); // expected-note {{'item' is borrowed from 'PyTuple_GetItem' here}}
  return item->ob_type->tp_basicsize; // expected-warning {{'item' from 'PyTuple_GetItem' may be NULL and is dereferenced [pyrefleak-null-deref]}}
}
