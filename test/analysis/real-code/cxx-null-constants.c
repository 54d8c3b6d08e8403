// False class 'C++ null constants': in C++, NULL is GNU's __null and
// nullptr is a literal of its own; a comparison with either is a NULL test
// exactly as in C. Seen on every C++ extension tried (python-rapidjson,
// msgpack's Cython C++ output): a leak at the failure return and a NULL
// dereference at the release that follows the test.
// RUN: %clang_verify -x c++ %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *load_attr(const char *module, const char *name) {
  PyObject *mod = PyImport_ImportModule(module);
  if (mod == NULL)
    return NULL;
  PyObject *attr = PyObject_GetAttrString(mod, name);
  Py_DECREF(mod);
  return attr;
}

static PyObject *load_attr_nullptr(const char *module, const char *name) {
  PyObject *mod = PyImport_ImportModule(module);
  if (nullptr == mod)
    return nullptr;
  PyObject *attr = PyObject_GetAttrString(mod, name);
  Py_DECREF(mod);
  return attr;
}

static PyObject *pair_or_null(PyObject *a) {
  PyObject *t = PyTuple_New(2);
  if (__builtin_expect(t != NULL, 1)) {
    Py_INCREF(a);
    PyTuple_SET_ITEM(t, 0, a);
    Py_INCREF(a);
    PyTuple_SET_ITEM(t, 1, a);
  }
  return t;
}

PyObject *(*keep_cxx_null[])(const char *, const char *) = {load_attr, load_attr_nullptr};
PyObject *(*keep_cxx_pair)(PyObject *) = pair_or_null;
