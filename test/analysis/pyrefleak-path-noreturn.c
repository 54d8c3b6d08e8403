// A call that never returns ends its path: what is owned there is not
// leaked. The rules (Py_FatalError) and C's noreturn attributes say so.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>

_Noreturn void die(const char *why);
__attribute__((noreturn)) void die_too(void);

PyObject *must_repr(PyObject *obj) {
  PyObject *tmp = PyObject_Str(obj);
  if (tmp == NULL)
    Py_FatalError("no str");
  PyObject *r = PyObject_Repr(obj);
  if (r == NULL)
    die("no repr"); // no-warning: tmp is not leaked, the process ends
  if (PyUnicode_GET_LENGTH(r) == 0)
    die_too();
  if (PyUnicode_GET_LENGTH(tmp) == 0)
    abort();
  Py_DECREF(tmp);
  return r;
}

// A helper that always ends the process is summarised as noreturn.
static void fail_hard(const char *msg) {
  fprintf(stderr, "%s\n", msg);
  abort();
}

PyObject *checked_repr(PyObject *obj) {
  PyObject *tmp = PyObject_Str(obj);
  if (tmp == NULL)
    return NULL;
  PyObject *r = PyObject_Repr(tmp);
  if (r == NULL)
    fail_hard("no repr"); // no-warning
  Py_DECREF(tmp);
  return r;
}

// Without the noreturn call the leak is reported.
PyObject *unchecked_repr(PyObject *obj) {
  PyObject *tmp = PyObject_Str(obj); // expected-note {{new reference 'tmp' created by 'PyObject_Str' here}}
  if (tmp == NULL)                   // expected-note {{taking the false branch}}
    return NULL;
  PyObject *r = PyObject_Repr(tmp);
  if (r == NULL)  // expected-note {{taking the true branch}}
    return NULL;  // expected-warning {{owned reference 'tmp' from 'PyObject_Str' is never released [pyrefleak-leak]}}
  Py_DECREF(tmp);
  return r;
}
