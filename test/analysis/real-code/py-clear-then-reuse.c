// False class 'Py_CLEAR's pointer loses the variable': on 3.12+ Py_CLEAR
// and Py_SETREF work through a pointer to the variable (`&(op)`). The
// variable stays followed through it: cleared or replaced and then
// released correctly, it must stay silent on every version.
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *mapping_type, *sequence_type;

int load_abcs(void) {
  PyObject *module = PyImport_ImportModule("collections.abc");
  if (module == NULL)
    return -1;
  mapping_type = PyObject_GetAttrString(module, "Mapping");
  Py_CLEAR(module);
  module = PyImport_ImportModule("typing");
  if (module == NULL)
    return -1;
  sequence_type = PyObject_GetAttrString(module, "Sequence");
  Py_CLEAR(module);
  return 0;
}

PyObject *replaced_name(PyObject *obj) {
  PyObject *name = PyObject_Str(obj);
  if (name == NULL)
    return NULL;
  Py_SETREF(name, PyUnicode_FromFormat("<%U>", name));
  return name;
}
