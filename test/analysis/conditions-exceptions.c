// How error paths are told apart: PyErr_Occurred() right after a call is
// that call's failure test; a defensive test of something nothing said
// could be NULL, and the implicit default of a switch naming every
// enumerator, are not error paths.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *call_then_test(PyObject *self, PyObject *func) {
  PyObject *r = PyObject_CallNoArgs(func);
  if (PyErr_Occurred())
    return NULL;
  Py_ssize_t n = Py_SIZE(r); // no-warning: no exception, so not NULL
  Py_DECREF(r);
  return PyLong_FromSsize_t(n);
}

// An exception set before the call: the test says nothing about it.
PyObject *test_after_two(PyObject *self, PyObject *func) {
  PyObject *a = PyObject_CallNoArgs(func); // expected-note {{new reference 'a' created by 'PyObject_CallNoArgs' here}}
  PyObject *b = PyObject_CallNoArgs(func);
  if (b == NULL) { // expected-note {{taking the true branch}}
    Py_DECREF(a); // expected-warning {{'a' from 'PyObject_CallNoArgs' may be NULL and is dereferenced by 'Py_DECREF'}}
    return NULL;
  }
  if (PyErr_Occurred()) {
    Py_XDECREF(a);
    Py_DECREF(b);
    return NULL;
  }
  Py_DECREF(a);
  return b;
}

// A defensive test: CPython never passes NULL here, and the error value is
// not the API's failure.
static PyObject *method_o(PyObject *self, PyObject *arg) {
  if (arg == NULL)
    return NULL; // no-warning
  return Py_NewRef(arg);
}

// A NULL keyword dict is ordinary: once past that test, an error return
// without an exception is still reported.
static PyObject *with_keywords(PyObject *self, PyObject *args, PyObject *kwds) {
  if (kwds != NULL) // expected-note {{taking the false branch}}
    return Py_NewRef(kwds);
  if (PyTuple_GET_SIZE(args) == 0) // expected-note {{taking the true branch}}
    return NULL; // expected-warning {{'with_keywords' returns NULL to Python without setting an exception [pyrefleak-missing-exception]}}
  return Py_NewRef(args);
}

// The argument-clinic fast path: `args = ok && args != NULL ? (args) :
// unpack(...)` keeps args, tested not NULL.
PyObject *const *unpack_slow(PyObject *const *args, Py_ssize_t nargs);

static PyObject *fast_call(PyObject *self, PyObject *const *args,
                           Py_ssize_t nargs) {
  args = nargs == 1 && args != NULL ? (args) : unpack_slow(args, nargs);
  if (!args)
    return NULL; // no-warning: only unpack_slow can give NULL, with an exception
  return Py_NewRef(args[0]);
}

// NULL from an API that fails without an exception, returned to Python.
static PyObject *lookup(PyObject *self, PyObject *key) {
  PyObject *d = PyObject_GetAttrString(self, "__dict__");
  if (d == NULL) // expected-note {{taking the false branch}}
    return NULL;
  PyObject *v = PyDict_GetItem(d, key);
  Py_DECREF(d);
  if (v == NULL) // expected-note {{taking the true branch}}
    return NULL; // expected-warning {{'lookup' returns NULL to Python without setting an exception [pyrefleak-missing-exception]}}
  return Py_NewRef(v);
}

enum color { RED, GREEN };

static PyObject *color_name(PyObject *self, PyObject *args) {
  enum color k = PyTuple_GET_SIZE(args) ? GREEN : RED;
  switch (k) {
  case RED:
    return PyUnicode_FromString("red");
  case GREEN:
    return PyUnicode_FromString("green");
  }
  return NULL; // no-warning: every enumerator has its case
}

// Without a case for every enumerator, the error return is reachable.
static PyObject *color_name_partial(PyObject *self, PyObject *args) {
  enum color k = PyTuple_GET_SIZE(args) ? GREEN : RED; // expected-note {{taking the true branch}}
  switch (k) {
  case RED:
    return PyUnicode_FromString("red");
  default:
    break;
  }
  return NULL; // expected-warning {{'color_name_partial' returns NULL to Python without setting an exception}}
}

static PyMethodDef methods[] = {
    {"method_o", method_o, METH_O, NULL},
    {"with_keywords", (PyCFunction)(void (*)(void))with_keywords,
     METH_VARARGS | METH_KEYWORDS, NULL},
    {"fast_call", (PyCFunction)(void (*)(void))fast_call, METH_FASTCALL, NULL},
    {"lookup", lookup, METH_O, NULL},
    {"color_name", color_name, METH_VARARGS, NULL},
    {"color_name_partial", color_name_partial, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static void drop(PyObject **p) { Py_XDECREF(*p); }

// A cleanup function releases the variable when its scope ends.
PyObject *with_cleanup(PyObject *self, PyObject *obj) {
  __attribute__((cleanup(drop))) PyObject *s = PyObject_Str(obj);
  if (s == NULL)
    return NULL;
  return PyObject_Repr(s); // no-warning
}
