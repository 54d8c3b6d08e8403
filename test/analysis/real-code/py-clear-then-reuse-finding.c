// Finding 'leak after Py_CLEAR reuse': a variable cleared with Py_CLEAR and
// assigned again (multidict's module initialisation imports several modules
// through one variable this way) still owns its new reference. On 3.12+
// Py_CLEAR works through a pointer to the variable (`&(op)`), and the
// variable is no longer followed: the leak is silent there.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *mapping_type, *sequence_type;

int load_abcs(void) {
  PyObject *module = NULL;
  Py_CLEAR(module);
  module = PyImport_ImportModule("collections.abc");
  if (module == NULL)
    return -1;
  mapping_type = PyObject_GetAttrString(module, "Mapping");
  Py_CLEAR(module);
  module = PyImport_ImportModule("typing"); // expected-note {{new reference 'module' created by 'PyImport_ImportModule' here}}
  if (module == NULL) // expected-note {{taking the false branch}}
    return -1;
  sequence_type = PyObject_GetAttrString(module, "Sequence");
  return 0; // expected-warning {{owned reference 'module' from 'PyImport_ImportModule' is never released [pyrefleak-leak]}}
}
