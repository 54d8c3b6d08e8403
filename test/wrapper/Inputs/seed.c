#define PY_SSIZE_T_CLEAN
#include <Python.h>

int record_line(PyObject *file_dict, int lineno) {
  return PyDict_SetItem(file_dict, PyLong_FromLong(lineno), Py_None);
}
