// An object handed to an API that may keep its own reference (a container,
// an attribute) can outlive the reference the function released: using it
// afterwards is the common "insert, release, keep using" idiom.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// The coverage.py tracer's per-file dict: stored in the outer dict, then
// released, then filled.
int record(PyObject *data, PyObject *filename, PyObject *key) {
  PyObject *file_data = PyDict_New();
  if (file_data == NULL)
    return -1;
  int rc = PyDict_SetItem(data, filename, file_data);
  Py_DECREF(file_data);
  if (rc < 0)
    return -1;
  return PyDict_SetItem(file_data, key, Py_None); // no-warning
}

// Not handed anywhere before the release: the object may be gone.
Py_ssize_t repr_length(PyObject *obj) {
  PyObject *text = PyObject_Repr(obj); // expected-note {{new reference 'text' created by 'PyObject_Repr' here}}
  if (text == NULL) // expected-note {{taking the false branch}}
    return -1;
  Py_DECREF(text); // expected-note {{'text' released by 'Py_DECREF' here}}
  return PyUnicode_GetLength(text); // expected-warning {{'text' is used after its last owned reference was released [pyrefleak-use-after-release]}}
}
