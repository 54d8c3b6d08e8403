// Without PY_SSIZE_T_CLEAN the names are the int-length variants, and from
// 3.10 (to 3.12) every '#' unit makes them fail with SystemError.
// RUN: %clang_verify %s
#include <Python.h>

PyObject *parse_length(PyObject *args) {
  const char *s;
  Py_ssize_t len;
  if (!PyArg_ParseTuple(args, "is#", &len, &s, &len)) // expected-warning {{format unit 's#' of 'PyArg_ParseTuple' needs PY_SSIZE_T_CLEAN defined before Python.h is included; without it the call fails with SystemError [pyrefleak-format]}} expected-note {{add '#define PY_SSIZE_T_CLEAN' before '#include <Python.h>'}} expected-warning {{format unit 'i' of 'PyArg_ParseTuple' expects 'int *' for argument 3, but 'Py_ssize_t *' is given}}
    return NULL;
  return PyLong_FromSsize_t(len);
}

PyObject *build_length(const char *s, int len) {
  return Py_BuildValue("y#", s, len); // expected-warning {{format unit 'y#' of 'Py_BuildValue' needs PY_SSIZE_T_CLEAN}} expected-note {{add '#define PY_SSIZE_T_CLEAN'}}
}

PyObject *call_length(PyObject *f, const char *s, Py_ssize_t len) {
  return PyObject_CallFunction(f, "(s#)", s, len); // expected-warning {{format unit 's#' of 'PyObject_CallFunction' needs PY_SSIZE_T_CLEAN}} expected-note {{add '#define PY_SSIZE_T_CLEAN'}}
}

// Units without '#' are the same in both variants.
PyObject *no_lengths(PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "sn", &s, &n)) // no-warning
    return NULL;
  return Py_BuildValue("(sn)", s, n); // no-warning
}
