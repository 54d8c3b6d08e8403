// The finding next to 'C++ null constants': the first module is still owned
// when the second import fails (python-rapidjson's module init has this
// shape). Reported now that NULL tests are understood in C++.
// RUN: %clang_verify -x c++ %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *first_type, *second_type;

static int load_types(void) {
  PyObject *one = PyImport_ImportModule("collections"); // expected-note {{new reference 'one' created by 'PyImport_ImportModule' here}}
  if (one == NULL) // expected-note {{taking the false branch}}
    return -1;
  PyObject *two = PyImport_ImportModule("decimal");
  if (two == NULL) // expected-note {{taking the true branch}}
    return -1;     // expected-warning {{owned reference 'one' from 'PyImport_ImportModule' is never released [pyrefleak-leak]}}
  first_type = PyObject_GetAttrString(one, "OrderedDict");
  Py_DECREF(one);
  second_type = PyObject_GetAttrString(two, "Decimal");
  Py_DECREF(two);
  return first_type && second_type ? 0 : -1;
}

int (*keep_load_types)(void) = load_types;
