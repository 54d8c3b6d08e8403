// An explicit pointer cast in a parse argument: the callee reads the
// address under it, so the operand is judged as well as the cast.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject_HEAD
  int value;
} CounterObject;

PyObject *subtype_address(PyObject *args, PyObject *type) {
  CounterObject *c;
  if (!PyArg_ParseTuple(args, "O!", type, (PyObject *)&c))
    return NULL;
  return PyLong_FromLong(c->value);
}

PyObject *cast_to_expected(PyObject *args) {
  CounterObject *c;
  if (!PyArg_ParseTuple(args, "O", (PyObject **)&c))
    return NULL;
  return PyLong_FromLong(c->value);
}

PyObject *integer_address(PyObject *args, PyObject *type) {
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "O!", type, (PyObject *)&n)) // expected-warning {{format unit 'O!' of 'PyArg_ParseTuple' expects 'PyObject **' for argument 4, but 'PyObject *' is given [pyrefleak-format]}}
    return NULL;
  return PyLong_FromSsize_t(n);
}
