// Without PY_SSIZE_T_CLEAN the names are the int-length variants: before
// 3.10 their '#' units read an int length, from 3.10 to 3.12 every '#' unit
// makes them fail with SystemError, and from 3.13 on they read Py_ssize_t.
// RUN: %clang_verify -DPYREFLEAK_TEST_SSIZE_T_UNCLEAN %s
#include <Python.h>

PyObject *parse_length(PyObject *args) {
  const char *s;
  Py_ssize_t len;
  if (!PyArg_ParseTuple(args, "is#", &len, &s, &len)) // expected-warning {{format unit 'i' of 'PyArg_ParseTuple' expects 'int *' for argument 3, but 'Py_ssize_t *' is given}} py3-10-to-3-12-warning {{format unit 's#' of 'PyArg_ParseTuple' needs PY_SSIZE_T_CLEAN defined before Python.h is included; without it the call fails with SystemError [pyrefleak-format]}} py3-10-to-3-12-note {{add '#define PY_SSIZE_T_CLEAN' before '#include <Python.h>'}} before-3-10-warning {{format unit 's#' of 'PyArg_ParseTuple' expects 'int *' for argument 5, but 'Py_ssize_t *' is given}}
    return NULL;
  return PyLong_FromSsize_t(len);
}

PyObject *build_length(const char *s, int len) {
  return Py_BuildValue("y#", s, len); // py3-10-to-3-12-warning {{format unit 'y#' of 'Py_BuildValue' needs PY_SSIZE_T_CLEAN}} py3-10-to-3-12-note {{add '#define PY_SSIZE_T_CLEAN'}} since-3-13-warning {{format unit 'y#' of 'Py_BuildValue' expects 'Py_ssize_t' for argument 3, but 'int' is given}}
}

PyObject *call_length(PyObject *f, const char *s, Py_ssize_t len) {
  return PyObject_CallFunction(f, "(s#)", s, len); // py3-10-to-3-12-warning {{format unit 's#' of 'PyObject_CallFunction' needs PY_SSIZE_T_CLEAN}} py3-10-to-3-12-note {{add '#define PY_SSIZE_T_CLEAN'}} before-3-10-warning {{format unit 's#' of 'PyObject_CallFunction' expects 'int' for argument 4, but 'Py_ssize_t' is given}}
}

// Units without '#' are the same in both variants.
PyObject *no_lengths(PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "sn", &s, &n)) // no-warning
    return NULL;
  return Py_BuildValue("(sn)", s, n); // no-warning
}
