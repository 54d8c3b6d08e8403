// The analysis runs on the AST the instrumenter rewrote and reports what
// it reports on the original code.
// RUN: %clang_instrument_verify %s
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *first_item_list(PyObject *self, PyObject *args) {
  PyObject *list = PyList_New(1); // expected-note {{new reference 'list' created by 'PyList_New' here}}
  if (list == NULL)               // expected-note {{taking the false branch}}
    return NULL;
  PyObject *item = PyUnicode_FromString("first");
  if (item == NULL) // expected-note {{taking the true branch}}
    return NULL;    // expected-warning {{owned reference 'list' from 'PyList_New' is never released [pyrefleak-leak]}}
  PyList_SET_ITEM(list, 0, item);
  return list;
}

int add_error_type(PyObject *module) {
  PyObject *err = PyErr_NewException("demo.Error", NULL, NULL); // expected-note {{new reference 'err' created by 'PyErr_NewException' here}}
  if (err == NULL) // expected-note {{taking the false branch}}
    return -1;
  if (PyModule_AddObject(module, "Error", err) < 0) // expected-note {{'PyModule_AddObject' fails here and does not take 'err'}} \
                                                    // expected-note {{taking the true branch}}
    return -1; // expected-warning {{owned reference 'err' from 'PyErr_NewException' is never released}}
  return 0;
}

Py_ssize_t repr_length(PyObject *obj) {
  PyObject *text = PyObject_Repr(obj); // expected-note {{new reference 'text' created by 'PyObject_Repr' here}}
  if (text == NULL)                    // expected-note {{taking the false branch}}
    return -1;
  Py_DECREF(text);                  // expected-note {{'text' released by 'Py_DECREF' here}}
  return PyUnicode_GetLength(text); // expected-warning {{'text' is used after its last owned reference was released}}
}

static PyObject *doubled(PyObject *self, PyObject *key) {
  if (!PyUnicode_Check(key)) // expected-note {{taking the true branch}}
    return NULL;             // expected-warning {{'doubled' returns NULL to Python without setting an exception}}
  return PyUnicode_Concat(key, key);
}

static PyMethodDef methods[] = {
    {"doubled", doubled, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
void *keep[] = {methods};
