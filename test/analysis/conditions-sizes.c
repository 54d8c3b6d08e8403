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
    total += Py_SIZE(item); // no-warning
  }
  return total;
}

// Bounded by the size read again in the condition.
Py_ssize_t sum_list(PyObject *list) {
  Py_ssize_t total = 0;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i)
    total += Py_SIZE(PyList_GetItem(list, i)); // no-warning
  return total;
}

// Constant indexes after a size test.
PyObject *pair_first(PyObject *self, PyObject *args) {
  if (!PyTuple_Check(args) || PyTuple_GET_SIZE(args) != 2)
    return PyErr_Format(PyExc_TypeError, "expected a pair");
  PyObject *a = PyTuple_GetItem(args, 0);
  PyObject *b = PyTuple_GetItem(args, 1);
  return PyLong_FromSsize_t(Py_SIZE(a) + Py_SIZE(b)); // no-warning
}

Py_ssize_t size_checked_early(PyObject *list) {
  Py_ssize_t n = PyList_Size(list);
  if (n < 3)
    return -1;
  return Py_SIZE(PyList_GetItem(list, 2)); // no-warning
}

// The sequence protocol's fast items are never NULL.
Py_ssize_t fast_items(PyObject *seq) {
  PyObject *fast = PySequence_Fast(seq, "expected a sequence");
  if (fast == NULL)
    return -1;
  Py_ssize_t total = 0;
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++)
    total += Py_SIZE(PySequence_Fast_GET_ITEM(fast, i)); // no-warning
  Py_DECREF(fast);
  return total;
}

// One past the end: can fail.
Py_ssize_t off_by_one(PyObject *tuple) {
  Py_ssize_t total = 0;
  Py_ssize_t n = PyTuple_Size(tuple);
  for (Py_ssize_t i = 0; i <= n; i++) {
    PyObject *item = PyTuple_GetItem(tuple, i); // expected-note {{borrowed reference 'item' from 'PyTuple_GetItem' here}}
    total += Py_SIZE(item); // expected-warning {{'item' from 'PyTuple_GetItem' may be NULL and is dereferenced by 'Py_SIZE' [pyrefleak-null-deref]}}
  }
  return total;
}

// The size of another object proves nothing.
Py_ssize_t other_size(PyObject *a, PyObject *b) {
  if (PyTuple_GET_SIZE(a) < 1)
    return 0;
  PyObject *item = PyTuple_GetItem(b, 0); // expected-note {{borrowed reference 'item' from 'PyTuple_GetItem' here}}
  return Py_SIZE(item); // expected-warning {{'item' from 'PyTuple_GetItem' may be NULL and is dereferenced by 'Py_SIZE'}}
}

// An index that may be negative.
Py_ssize_t any_index(PyObject *t, Py_ssize_t i) {
  if (i >= PyTuple_GET_SIZE(t))
    return 0;
  PyObject *item = PyTuple_GetItem(t, i); // expected-note {{borrowed reference 'item' from 'PyTuple_GetItem' here}}
  return Py_SIZE(item); // expected-warning {{'item' from 'PyTuple_GetItem' may be NULL and is dereferenced by 'Py_SIZE'}}
}
