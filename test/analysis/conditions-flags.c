// Conditions on plain values: a flag, a parameter or a condition tested
// again on the same path says the same thing, as long as nothing it reads
// was written in between.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// A local flag computed once and tested twice.
PyObject *as_text(PyObject *self, PyObject *a) {
  PyObject *tmp = NULL;
  int is_int = PyLong_Check(a);
  if (!is_int) {
    tmp = PyObject_Str(a);
    if (tmp == NULL)
      return NULL;
    a = tmp;
  }
  PyObject *r = PyObject_Repr(a);
  if (!is_int)
    Py_DECREF(tmp); // no-warning: tmp is set exactly when is_int is false
  return r;
}

// The flag changes in between: both combinations are possible.
PyObject *as_text_flag_changed(PyObject *self, PyObject *a) {
  PyObject *tmp = NULL;
  int is_int = PyLong_Check(a);
  if (!is_int) {
    tmp = PyObject_Str(a); // expected-note {{new reference 'tmp' created by 'PyObject_Str' here}}
    if (tmp == NULL) // expected-note {{taking the false branch}}
      return NULL;
  }
  is_int = PyObject_IsTrue(self) > 0;
  PyObject *r = PyObject_Repr(self);
  if (!is_int) // expected-note {{taking the false branch}}
    Py_DECREF(tmp);
  return r; // expected-warning {{owned reference 'tmp' from 'PyObject_Str' is never released [pyrefleak-leak]}}
}

// A plain int parameter tested twice.
static PyObject *maybe_copy(PyObject *obj, int copy) {
  PyObject *src = obj;
  if (copy) {
    src = PyObject_CallMethod(obj, "copy", NULL);
    if (src == NULL)
      return NULL;
  }
  PyObject *r = PyObject_Repr(src);
  if (copy)
    Py_DECREF(src); // no-warning: src is the copy exactly when copy is set
  return r;
}

PyObject *call_maybe_copy(PyObject *self, PyObject *obj) {
  return maybe_copy(obj, PyObject_IsTrue(self) > 0);
}

// The same unchanged condition, written twice.
PyObject *twice(PyObject *self, PyObject *a) {
  PyObject *s = NULL;
  if (PyUnicode_Check(a)) {
    s = PyUnicode_AsUTF8String(a);
    if (s == NULL)
      return NULL;
  }
  PyObject *r = PyObject_Repr(a);
  if (PyUnicode_Check(a))
    Py_DECREF(s); // no-warning
  return r;
}

typedef struct {
  PyObject_HEAD
  PyObject *hook;
} Hooked;

// A field read and compared, stored in a flag, then tested again: not
// written in between.
PyObject *call_hook(Hooked *s, PyObject *arg) {
  PyObject *res = NULL;
  int hooked = s->hook != Py_None;
  if (hooked) {
    res = PyObject_CallOneArg(s->hook, arg);
    if (res == NULL)
      return NULL;
  }
  if (s->hook != Py_None)
    Py_DECREF(res); // no-warning
  Py_RETURN_NONE;
}

// A switch on a value known on the path takes only its own case.
PyObject *by_kind(PyObject *self, PyObject *a) {
  int kind = PyObject_IsTrue(a) > 0 ? 1 : 2;
  PyObject *tmp = NULL;
  if (kind == 1) {
    tmp = PyObject_Str(a);
    if (tmp == NULL)
      return NULL;
  }
  switch (kind) {
  case 1:
    Py_DECREF(tmp); // no-warning
    break;
  default:
    break;
  }
  Py_RETURN_NONE;
}
