// pyrefleak/annotations.h states what functions defined elsewhere do; the
// annotations replace the rules and inference.
// RUN: %clang_verify -I %obj_root/include %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pyrefleak/annotations.h>

PYREFLEAK_RETURNS_NEW PYREFLEAK_SETS_EXCEPTION
PyObject *make_point(long x, long y);

PYREFLEAK_RETURNS_BORROWED
PyObject *registry_lookup(const char *name);

PYREFLEAK_STEALS_ARGUMENT(2)
int registry_store(const char *name, PyObject *value);

PYREFLEAK_SETS_EXCEPTION
int validate(PyObject *obj);

int leak_point(void) {
  PyObject *p = make_point(1, 2); // expected-note {{new reference 'p' created by 'make_point' here}}
  if (p == NULL)                  // expected-note {{taking the false branch}}
    return -1;
  return 0; // expected-warning {{owned reference 'p' from 'make_point' is never released [pyrefleak-leak]}}
}

int release_lookup(void) {
  PyObject *v = registry_lookup("x"); // expected-note {{'v' is borrowed from 'registry_lookup' here}}
  if (v == NULL)                      // expected-note {{taking the false branch}}
    return -1;
  Py_DECREF(v); // expected-warning {{releasing borrowed reference 'v' from 'registry_lookup' [pyrefleak-over-release]}}
  return 0;
}

int store_point(void) {
  PyObject *p = make_point(3, 4);
  if (p == NULL)
    return -1;
  return registry_store("p", p); // no-warning: stolen
}

static PyObject *checked_point(PyObject *self, PyObject *arg) {
  if (validate(arg) < 0)
    return NULL; // no-warning: validate sets an exception when it fails
  return make_point(0, 0);
}

// An annotation on a definition is the contract its body is checked
// against, and what its callers see instead of what inference would read.
PYREFLEAK_RETURNS_NEW
static PyObject *cached_default(PyObject *options) {
  PyObject *v = PyDict_GetItemString(options, "default"); // expected-note {{'v' is borrowed from 'PyDict_GetItemString' here}}
  if (v == NULL) // expected-note {{taking the false branch}}
    return PyLong_FromLong(0);
  return v; // expected-warning {{returning borrowed reference 'v' from 'PyDict_GetItemString' to Python, which will release it}} \
            // expected-note {{return a new reference with Py_NewRef(...)}}
}

static PyMethodDef methods[] = {
    {"checked_point", checked_point, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

void *keep[] = {methods, cached_default};
