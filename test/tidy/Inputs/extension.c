#include <Python.h>
extern PyObject *mymod_new_item(long n);

int append_item(PyObject *list, long n) {
  return PyList_Append(list, mymod_new_item(n));
}

int record(PyObject *d, long n) {
  return PyDict_SetItem(d, PyLong_FromLong(n), Py_None); // NOLINT(pyrefleak-leak)
}
