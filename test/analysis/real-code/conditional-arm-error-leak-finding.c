// Finding 'leak in a raising arm of ?:': a macro unpacks a pair through
// helpers that release it (`release` is the constant 1), but its
// size-error arm, `(size_error(pair), -1)`, does not. With `from_dict` 0
// and a tuple of the wrong size, the item from PyIter_Next leaks. Cython's
// dict iteration over a non-dict mapping (__Pyx_unpack_tuple2 in
// __Pyx_dict_iter_next) has this shape; found in msgpack's generated C++.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int unpack_exact(PyObject *pair, PyObject **first, PyObject **second,
                        int release_pair) {
  PyObject *a = Py_NewRef(PyTuple_GET_ITEM(pair, 0));
  PyObject *b = Py_NewRef(PyTuple_GET_ITEM(pair, 1));
  if (release_pair)
    Py_DECREF(pair);
  *first = a;
  *second = b;
  return 0;
}

static int unpack_generic(PyObject *pair, PyObject **first, PyObject **second,
                          int release_pair) {
  PyObject *seq = PySequence_Tuple(pair);
  if (release_pair)
    Py_DECREF(pair);
  if (!seq)
    return -1;
  if (PyTuple_GET_SIZE(seq) != 2) {
    PyErr_SetString(PyExc_ValueError, "need a pair");
    Py_DECREF(seq);
    return -1;
  }
  return unpack_exact(seq, first, second, 1);
}

static void size_error(PyObject *pair) {
  PyErr_SetString(PyExc_ValueError, "need a pair");
}

#define UNPACK_PAIR(pair, a, b, is_tuple, known_size, release)                 \
  (((is_tuple) || PyTuple_Check(pair))                                         \
       ? (((known_size) || PyTuple_GET_SIZE(pair) == 2)                         \
              ? unpack_exact((pair), (a), (b), (release))                      \
              : (size_error(pair), -1))                                        \
       : unpack_generic((pair), (a), (b), (release)))

static int next_pair(PyObject *it, int from_dict, PyObject **first,
                     PyObject **second) {
  PyObject *item = PyIter_Next(it); // expected-note {{new reference 'item' created by 'PyIter_Next' here}}
  if (!item) // expected-note {{taking the false branch}}
    return PyErr_Occurred() ? -1 : 0;
  if (UNPACK_PAIR(item, first, second, from_dict, from_dict, 1)) // expected-note {{taking the true branch}}
    return -1; // expected-warning {{owned reference 'item' from 'PyIter_Next' is never released [pyrefleak-leak]}}
  return 1;
}

int (*keep_next_pair)(PyObject *, int, PyObject **, PyObject **) = next_pair;
