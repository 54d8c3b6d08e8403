// A character that starts no unit, or punctuation CPython rejects, makes the
// call fail with SystemError whatever the arguments are.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *unknown_build_unit(int x) {
  return Py_BuildValue("(ix)", x, x); // expected-warning {{'Py_BuildValue' format "(ix)" contains 'x', which starts no format unit [pyrefleak-format]}}
}

PyObject *parse_unit_in_build(PyObject *o) {
  return Py_BuildValue("O!", &PyList_Type, o); // expected-warning {{'Py_BuildValue' format "O!" contains '!', which starts no format unit}}
}

PyObject *unmatched_open(int x) {
  return Py_BuildValue("(ii", x, x); // expected-warning {{'Py_BuildValue' format "(ii" has an unmatched '('}}
}

PyObject *mismatched_close(int x) {
  return Py_BuildValue("(i]", x); // expected-warning {{'Py_BuildValue' format "(i]" has an unmatched ']'}}
}

PyObject *odd_dict(int x) {
  return Py_BuildValue("{i}", x); // expected-warning {{'Py_BuildValue' format "{i}" builds a dict from an odd number of items}}
}

PyObject *space_in_parse(PyObject *args) {
  int a, b;
  if (!PyArg_ParseTuple(args, "i i", &a, &b)) // expected-warning {{'PyArg_ParseTuple' format "i i" contains ' ', which starts no format unit}}
    return NULL;
  Py_RETURN_NONE;
}

PyObject *bare_w(PyObject *args) {
  char *p;
  if (!PyArg_ParseTuple(args, "w", &p)) // expected-warning {{'PyArg_ParseTuple' format "w" contains 'w', which starts no format unit}}
    return NULL;
  Py_RETURN_NONE;
}

PyObject *bad_encoding_prefix(PyObject *args) {
  char *p;
  if (!PyArg_ParseTuple(args, "ei", NULL, &p)) // expected-warning {{'PyArg_ParseTuple' format "ei" contains 'e', which starts no format unit}}
    return NULL;
  Py_RETURN_NONE;
}

// 'u' (Py_UNICODE) was removed in 3.12; wchar_t is what Py_UNICODE names.
PyObject *unicode_removed_later(PyObject *args) {
  const wchar_t *u;
  if (!PyArg_ParseTuple(args, "u", &u)) // since-3-12-warning {{'PyArg_ParseTuple' format "u" contains 'u', which starts no format unit}}
    return NULL;
  Py_RETURN_NONE;
}

// Quotes and escapes are shown as C spells them.
PyObject *escaped(int x) {
  return Py_BuildValue("i\"\t", x); // expected-warning {{'Py_BuildValue' format "i\"\t" contains '"', which starts no format unit}}
}
