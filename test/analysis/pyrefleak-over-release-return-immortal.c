// The headers' own macros return the singletons correctly on every version
// (on 3.12+ Py_RETURN_NONE is `return Py_None`, None being immortal); the
// same written by hand is reported, with the macro as a fix-it.
// RUN: %clang_verify %s
// RUN: %clang -fsyntax-only -fplugin=%pyrefleak_plugin -fplugin-arg-pyrefleak-rules-dir=%rules_dir -I%python_include -fdiagnostics-parseable-fixits %python_compat %s 2>&1 | FileCheck %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *macros(PyObject *self, PyObject *arg) {
  if (arg == Py_None)
    Py_RETURN_NONE; // no-warning
  if (PyObject_IsTrue(arg) > 0)
    Py_RETURN_TRUE; // no-warning
  if (PyLong_Check(arg))
    Py_RETURN_NOTIMPLEMENTED; // no-warning
  Py_RETURN_FALSE; // no-warning
}

static PyObject *by_hand(PyObject *self, PyObject *arg) {
  if (PyObject_IsTrue(arg) > 0)
    return Py_True; // expected-warning {{returning borrowed reference 'Py_True' to Python}} \
                    // expected-note {{use Py_RETURN_TRUE, which returns a new reference on every version}}
#if PY_VERSION_HEX >= 0x030C0000 && !defined(Py_LIMITED_API)
  return Py_False; // expected-warning {{returning borrowed reference 'Py_False' to Python works only because it is immortal on Python 3.12 and later}} \
                   // expected-note {{use Py_RETURN_FALSE, which returns a new reference on every version}}
#else
  return Py_False; // expected-warning {{returning borrowed reference 'Py_False' to Python, which will release it}} \
                   // expected-note {{use Py_RETURN_FALSE, which returns a new reference on every version}}
#endif
}

// CHECK: fix-it:"{{.*}}return-immortal.c":{{{[0-9]+}}:5-{{[0-9]+}}:19}:"Py_RETURN_TRUE"
// CHECK: fix-it:"{{.*}}return-immortal.c":{{{[0-9]+}}:3-{{[0-9]+}}:18}:"Py_RETURN_FALSE"

// Named through a variable: still borrowed, but no mechanical fix.
static PyObject *through_variable(PyObject *self, PyObject *arg) {
  PyObject *result = Py_None;
  return result; // expected-warning {{returning borrowed reference 'result' to Python}} \
                 // expected-note {{return a new reference with Py_NewRef(...)}}
}

static PyObject *with_reference(PyObject *self, PyObject *arg) {
  Py_INCREF(Py_None);
  return Py_None; // no-warning
}

static PyMethodDef methods[] = {
    {"macros", macros, METH_O, NULL},
    {"by_hand", by_hand, METH_O, NULL},
    {"through_variable", through_variable, METH_O, NULL},
    {"with_reference", with_reference, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
