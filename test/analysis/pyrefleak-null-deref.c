// The result of a call that returns NULL on failure, dereferenced by the
// compiled code itself (->, or a macro or static inline function of the
// CPython headers) before it is checked.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

PyObject *one_item(PyObject *obj) {
  PyObject *list = PyList_New(1); // expected-note {{new reference 'list' created by 'PyList_New' here}}
  Py_INCREF(obj);
  PyList_SET_ITEM(list, 0, obj); // expected-warning {{'list' from 'PyList_New' may be NULL and is dereferenced by 'PyList_SET_ITEM' [pyrefleak-null-deref]}}
  return list;
}

void touch(PyObject *obj) {
  Py_DECREF(PyObject_GetAttrString(obj, "touched")); // expected-warning {{the reference from 'PyObject_GetAttrString' may be NULL and is dereferenced by 'Py_DECREF'}} \
                                                     // expected-note {{new reference created by 'PyObject_GetAttrString' here}}
}

Py_ssize_t text_length(PyObject *obj) {
  PyObject *s = PyObject_Str(obj);         // expected-note {{new reference 's' created by 'PyObject_Str' here}}
  Py_ssize_t n = PyUnicode_GET_LENGTH(s);  // expected-warning {{'s' from 'PyObject_Str' may be NULL and is dereferenced by 'PyUnicode_GET_LENGTH'}}
  Py_XDECREF(s);
  return n;
}

typedef struct {
  PyObject_HEAD
  long value;
} Counter;

static PyTypeObject CounterType;

long new_counter_value(void) {
  Counter *c = PyObject_New(Counter, &CounterType); // expected-note {{new reference 'c' created by 'PyObject_New' here}}
  long v = c->value; // expected-warning {{'c' from 'PyObject_New' may be NULL and is dereferenced [pyrefleak-null-deref]}}
  Py_XDECREF(c);
  return v;
}

// Checked first: clean.
Py_ssize_t text_length_checked(PyObject *obj) {
  PyObject *s = PyObject_Str(obj);
  if (s == NULL)
    return -1;
  Py_ssize_t n = PyUnicode_GET_LENGTH(s); // no-warning
  Py_DECREF(s);
  return n;
}

// Passed to a function that checks for NULL itself: not a dereference.
int repr_or_fail(PyObject *obj) {
  PyObject *s = PyObject_Str(obj);
  int ok = PyObject_IsTrue(s) >= 0; // no-warning
  Py_XDECREF(s);
  return ok;
}

// One problem, one diagnostic: the leak of an inline new reference is
// reported, not also its NULL.
int record_line(PyObject *file_dict, int lineno) {
  return PyDict_SetItem(file_dict, PyLong_FromLong(lineno), Py_None); // expected-warning {{'PyDict_SetItem' does not steal argument 2; the new reference from 'PyLong_FromLong' is never released [pyrefleak-leak]}} \
                                                                      // expected-note {{store the result of 'PyLong_FromLong' in a variable and release it with Py_DECREF after the call}}
}
