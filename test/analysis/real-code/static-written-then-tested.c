// False class 'static written then tested': a module-exec function stores
// its module in a static (as Cython's single-phase state does) and ends with
// `return (the_module != NULL) ? 0 : -1;`. On the success path the static
// was just set from a non-NULL pointer, so -1 is not returned there. Seen in
// yarl's Cython module initialisation.
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *the_module;

static int exec_module(PyObject *module) {
  the_module = Py_NewRef(module);
  if (PyModule_AddIntConstant(module, "answer", 42) < 0)
    goto error;
  goto done;
error:
  if (the_module) {
    Py_CLEAR(the_module);
  } else if (!PyErr_Occurred()) {
    PyErr_SetString(PyExc_ImportError, "init failed");
  }
done:
  return (the_module != NULL) ? 0 : -1;
}

static PyModuleDef_Slot slots[] = {{Py_mod_exec, exec_module}, {0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "statics", NULL, 0, NULL, slots};

PyMODINIT_FUNC PyInit_statics(void) { return PyModuleDef_Init(&module); }
