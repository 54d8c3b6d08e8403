#include <Python.h>

/* The project's own API: only a rules file says it returns a new reference. */
extern PyObject *mymod_new_item(long n);

int append_item(PyObject *list, long n) {
  return PyList_Append(list, mymod_new_item(n));
}
