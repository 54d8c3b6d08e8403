// PyArg_ParseTupleAndKeywords: the keyword list comes between the format and
// the addresses, and holds one name per top-level unit.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *open_file(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"file", "mode", "buffering", "encoding", NULL};
  PyObject *file;
  const char *mode = "r";
  int buffering = -1;
  char *encoding = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|si$z:open", kwlist, // no-warning
                                   &file, &mode, &buffering, &encoding))
    return NULL;
  Py_RETURN_NONE;
}

PyObject *wrong_type(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"size", NULL};
  int size;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "n", kwlist, &size)) // expected-warning {{format unit 'n' of 'PyArg_ParseTupleAndKeywords' expects 'Py_ssize_t *' for argument 5, but 'int *' is given [pyrefleak-format]}}
    return NULL;
  return PyLong_FromLong(size);
}

PyObject *too_few_names(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"a", NULL};
  int a = 0, b = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i|i", kwlist, &a, &b)) // expected-warning {{'PyArg_ParseTupleAndKeywords' format "i|i" has 2 argument units but keyword list 'kwlist' has 1 name [pyrefleak-format]}}
    return NULL;
  return PyLong_FromLong(a + b);
}

PyObject *too_many_names(PyObject *self, PyObject *args, PyObject *kwargs) {
  static const char *const names[] = {"a", "b", "c", NULL};
  int a = 0, b = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i|i", (char **)names, &a, &b)) // expected-warning {{'PyArg_ParseTupleAndKeywords' format "i|i" has 2 argument units but keyword list 'names' has 3 names}}
    return NULL;
  return PyLong_FromLong(a + b);
}

PyObject *groups_and_positional_only(PyObject *self, PyObject *args,
                                     PyObject *kwargs) {
  static char *kwlist[] = {"", "point", (char *)NULL};
  PyObject *first;
  double x, y;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O(dd)", kwlist, &first, &x, // no-warning
                                   &y))
    return NULL;
  Py_RETURN_NONE;
}

PyObject *list_not_visible(PyObject *self, PyObject *args, PyObject *kwargs,
                           char **names) {
  int a;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i", names, &a)) // no-warning
    return NULL;
  return PyLong_FromLong(a);
}

PyObject *encodings(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"a", "b", "c", "d", "e", NULL};
  char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  Py_ssize_t c_len = 0, d_len = 0;
  Py_buffer e;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "eset|es#et#w*", kwlist, // no-warning
                                   "utf-8", &a, NULL, &b, "latin-1", &c,
                                   &c_len, "ascii", &d, &d_len, &e))
    return NULL;
  PyMem_Free(a);
  PyMem_Free(b);
  PyMem_Free(c);
  PyMem_Free(d);
  PyBuffer_Release(&e);
  Py_RETURN_NONE;
}

PyObject *encoding_length(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"text", NULL};
  char *buffer = NULL;
  int length;
  // expected-warning@+2 {{format unit 'es#' of 'PyArg_ParseTupleAndKeywords' expects 'Py_ssize_t *' for argument 7, but 'int *' is given}}
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "es#", kwlist, "utf-8",
                                   &buffer, &length))
    return NULL;
  PyMem_Free(buffer);
  Py_RETURN_NONE;
}
