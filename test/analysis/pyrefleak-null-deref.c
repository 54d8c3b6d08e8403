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

// Passed to a function that checks for NULL itself (PyObject_Size raises
// SystemError): not a dereference.
int repr_or_fail(PyObject *obj) {
  PyObject *s = PyObject_Str(obj);
  int ok = PyObject_Size(s) >= 0; // no-warning
  Py_XDECREF(s);
  return ok;
}

// One problem, one diagnostic: the leak of an inline new reference is
// reported, not also its NULL.
int record_line(PyObject *file_dict, int lineno) {
  return PyDict_SetItem(file_dict, PyLong_FromLong(lineno), Py_None); // expected-warning {{'PyDict_SetItem' does not steal argument 2; the new reference from 'PyLong_FromLong' is never released [pyrefleak-leak]}} \
                                                                      // expected-note {{store the result of 'PyLong_FromLong' in a variable and release it with Py_DECREF after the call}}
}

// Tested, found NULL, and released anyway.
PyObject *proxy_add(PyObject *self, PyObject *other) {
  PyObject *result = PyNumber_Add(self, other);
  if (!result)
    return NULL;
  PyObject *proxy_type = PyObject_GetAttrString(self, "__proxy__"); // expected-note {{new reference 'proxy_type' created by 'PyObject_GetAttrString' here}}
  if (!proxy_type) {       // expected-note {{taking the true branch}}
    Py_DECREF(proxy_type); // expected-warning {{'proxy_type' from 'PyObject_GetAttrString' is NULL here and is dereferenced by 'Py_DECREF'}}
    Py_DECREF(result);
    return NULL;
  }
  PyObject *r = PyObject_CallOneArg(proxy_type, result);
  Py_DECREF(proxy_type);
  Py_DECREF(result);
  return r;
}

// Equal to a non-NULL object: not NULL.
PyObject *starts_with_self(PyObject *name) {
  PyObject *match = PyObject_CallMethod(name, "startswith", "s", "_self_");
  if (match == Py_True) {
    Py_DECREF(match); // no-warning
    Py_RETURN_TRUE;
  }
  if (match != Py_False) {
    Py_XDECREF(match);
    return NULL;
  }
  Py_DECREF(match); // no-warning
  Py_RETURN_FALSE;
}

// One unchecked result, one finding, however many paths dereference it.
int call_with_copy(PyObject *func, PyObject *kwargs) {
  PyObject *args = PyTuple_Pack(1, func); // expected-note {{new reference 'args' created by 'PyTuple_Pack' here}}
  PyObject *kw = PyDict_New();
  if (kwargs && PyDict_Update(kw, kwargs) < 0) { // expected-note {{taking the false branch}}
    Py_DECREF(args); // no-warning: the same problem, already reported
    Py_XDECREF(kw);
    return -1;
  }
  PyObject *r = PyObject_Call(func, args, kw);
  Py_DECREF(args); // expected-warning {{'args' from 'PyTuple_Pack' may be NULL and is dereferenced by 'Py_DECREF'}}
  Py_XDECREF(kw);
  Py_XDECREF(r);
  return r ? 0 : -1;
}


// A NULL test on the right of || or && decides alone once the left operand
// did not: checked here, whichever side holds it.
PyObject *checked_on_the_right(PyObject *a, long n) {
  PyObject *b = PyNumber_Add(a, a);
  if (n == 1 || b == NULL)
    return b;
  Py_DECREF(b); // no-warning
  Py_RETURN_NONE;
}

PyObject *checked_on_the_left(PyObject *a, long n) {
  PyObject *b = PyNumber_Add(a, a);
  if (b == NULL || n == 1)
    return b;
  Py_DECREF(b); // no-warning
  Py_RETURN_NONE;
}

PyObject *checked_on_some_paths(PyObject *a, long n) {
  PyObject *b = PyNumber_Add(a, a); // expected-note {{new reference 'b' created by 'PyNumber_Add' here}}
  if (n == 1 && b == NULL) // expected-note {{taking the false branch}}
    return NULL;
  Py_DECREF(b); // expected-warning {{'b' from 'PyNumber_Add' may be NULL and is dereferenced by 'Py_DECREF'}}
  Py_RETURN_NONE;
}
