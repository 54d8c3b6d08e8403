// pyrefleak-format through clang-tidy: format strings that disagree with
// their arguments.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-format' %s -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *build_missing_argument(void) {
  return Py_BuildValue("(ii)", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Py_BuildValue' format "(ii)" needs 2 arguments but 1 is given [pyrefleak-format]
}

PyObject *parse_wrong_type(PyObject *args) {
  double d;
  if (!PyArg_ParseTuple(args, "i", &d))
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: format unit 'i' of 'PyArg_ParseTuple' expects 'int *' for argument 3, but 'double *' is given [pyrefleak-format]
    return NULL;
  return PyFloat_FromDouble(d);
}

PyObject *build_unknown_unit(void) {
  return Py_BuildValue("(iQ)", 1, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Py_BuildValue' format "(iQ)" contains 'Q', which starts no format unit [pyrefleak-format]
}

// Right: no-warning.
PyObject *parse_int(PyObject *args) {
  int i;
  if (!PyArg_ParseTuple(args, "i", &i))
    return NULL;
  return PyLong_FromLong(i);
}
