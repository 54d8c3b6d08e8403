// Using an object after the function gave up its last owned reference:
// released directly, or stolen by a container that was then released.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

Py_ssize_t repr_length(PyObject *obj) {
  PyObject *text = PyObject_Repr(obj); // expected-note {{new reference 'text' created by 'PyObject_Repr' here}}
  if (text == NULL)                    // expected-note {{taking the false branch}}
    return -1;
  Py_DECREF(text);                  // expected-note {{'text' released by 'Py_DECREF' here}}
  return PyUnicode_GetLength(text); // expected-warning {{'text' is used after its last owned reference was released [pyrefleak-use-after-release]}}
}

PyObject *wrap_and_show(PyObject *obj) {
  PyObject *item = PyObject_Str(obj); // expected-note {{new reference 'item' created by 'PyObject_Str' here}}
  if (item == NULL)                   // expected-note {{taking the false branch}}
    return NULL;
  PyObject *box = PyList_New(1);
  if (box == NULL) { // expected-note {{taking the false branch}}
    Py_DECREF(item);
    return NULL;
  }
  PyList_SET_ITEM(box, 0, item);      // expected-note {{'item' stolen by 'PyList_SET_ITEM' here}}
  Py_DECREF(box);                     // expected-note {{'box' released by 'Py_DECREF' here, and with it the reference it took}}
  return PyUnicode_Concat(item, item); // expected-warning {{'item' is used after its last owned reference was released}}
}

// The container went somewhere that may keep it: its items may live on.
PyObject *wrap_and_store(PyObject *registry, PyObject *obj) {
  PyObject *item = PyObject_Str(obj);
  if (item == NULL)
    return NULL;
  PyObject *box = PyList_New(1);
  if (box == NULL) {
    Py_DECREF(item);
    return NULL;
  }
  PyList_SET_ITEM(box, 0, item);
  if (PyList_Append(registry, box) < 0) {
    Py_DECREF(box);
    return NULL;
  }
  Py_DECREF(box);
  return PyObject_Repr(item); // no-warning
}

// Using an item the container still owns: borrowed, fine.
PyObject *wrap_and_keep(PyObject *obj) {
  PyObject *item = PyObject_Str(obj);
  if (item == NULL)
    return NULL;
  PyObject *box = PyList_New(1);
  if (box == NULL) {
    Py_DECREF(item);
    return NULL;
  }
  PyList_SET_ITEM(box, 0, item);
  PyObject *r = PyObject_Repr(item); // no-warning
  Py_DECREF(box);
  return r;
}

// A use through a pointer dereference (ob_type: free-threaded builds have
// no ob_refcnt).
PyTypeObject *type_after(PyObject *obj) {
  PyObject *text = PyObject_Str(obj); // expected-note {{new reference 'text' created by 'PyObject_Str' here}}
  if (text == NULL)                   // expected-note {{taking the false branch}}
    return NULL;
  Py_DECREF(text);      // expected-note {{'text' released by 'Py_DECREF' here}}
  return text->ob_type; // expected-warning {{'text' is used after its last owned reference was released}}
}
