// False class 'format: explicit cast hides the pointer': `(PyObject *) &a`
// with `MyObject *a` passes a `MyObject **` to an `O!` unit; the cast to
// PyObject * only quiets the compiler. The checker should judge the operand
// under the cast. Seen in bitarray (_util.c, four calls).
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject_HEAD
  Py_ssize_t nbits;
} Bits;

static PyObject *bits_type;

static PyObject *count_bits(PyObject *module, PyObject *args) {
  Bits *a;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "O!n:count_bits", bits_type, (PyObject *)&a, &n))
    return NULL;
  return PyLong_FromSsize_t(a->nbits < n ? a->nbits : n);
}

static PyMethodDef methods[] = {{"count_bits", count_bits, METH_VARARGS, NULL},
                                {NULL, NULL, 0, NULL}};

PyMethodDef *keep_methods = methods;
