// Malformed pyrefleak annotations are errors at the annotation.
// RUN: %clang_verify -I %obj_root/include %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pyrefleak/annotations.h>

PYREFLEAK_STEALS_ARGUMENT(3) // expected-error {{'pyrefleak::steals-argument' on 'store' names parameter 3, which does not exist (parameters count from 1)}}
int store(PyObject *cache, PyObject *item);

PYREFLEAK_STEALS_ARGUMENT(0) // expected-error {{'pyrefleak::steals-argument' on 'store0' names parameter 0, which does not exist}}
int store0(PyObject *item);

PYREFLEAK_STEALS_ARGUMENT(1) // expected-error {{'pyrefleak::steals-argument' on 'store_size' names parameter 1, which is not an object pointer}}
int store_size(Py_ssize_t n, PyObject *item);

__attribute__((annotate("pyrefleak::steals-argument"))) // expected-error {{'pyrefleak::steals-argument' on 'store_none' needs the number of the parameter it steals, counting from 1}}
int store_none(PyObject *item);

__attribute__((annotate("pyrefleak::returns-newref"))) // expected-error {{unknown pyrefleak annotation 'pyrefleak::returns-newref' on 'make'}}
PyObject *make(void);

PYREFLEAK_RETURNS_NEW // expected-error {{'pyrefleak::returns-new' on 'count', which does not return an object pointer}}
int count(PyObject *obj);

__attribute__((annotate("pyrefleak::sets-exception", 1))) // expected-error {{'pyrefleak::sets-exception' on 'check' takes no arguments}}
int check(PyObject *obj);

PYREFLEAK_RETURNS_NEW PYREFLEAK_RETURNS_BORROWED // expected-error {{'both' is annotated both returns-new and returns-borrowed}}
PyObject *both(void);

// A well-formed annotation next to malformed ones still counts.
PYREFLEAK_RETURNS_NEW
PyObject *fresh(void);

int use_fresh(void) {
  PyObject *f = fresh(); // expected-note {{new reference 'f' created by 'fresh' here}}
  if (f == NULL)         // expected-note {{taking the false branch}}
    return -1;
  return 0; // expected-warning {{owned reference 'f' from 'fresh' is never released}}
}
