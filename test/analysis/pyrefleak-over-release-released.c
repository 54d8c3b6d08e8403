// Releasing a reference again after the last owned one is gone: a double
// release, or a release after a steal.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int log_repr(PyObject *obj) {
  PyObject *text = PyObject_Repr(obj); // expected-note {{new reference 'text' created by 'PyObject_Repr' here}}
  if (text == NULL)                    // expected-note {{taking the false branch}}
    return -1;
  int rc = PyObject_Print(text, stderr, Py_PRINT_RAW);
  Py_DECREF(text); // expected-note {{'text' released by 'Py_DECREF' here}}
  if (rc < 0) {    // expected-note {{taking the true branch}}
    Py_DECREF(text); // expected-warning {{releasing 'text', which is no longer owned here [pyrefleak-over-release]}}
    return -1;
  }
  return 0;
}

PyObject *singleton(PyObject *obj) {
  PyObject *tuple = PyTuple_New(1);
  if (tuple == NULL)
    return NULL;
  PyObject *copy = PySequence_List(obj); // expected-note {{new reference 'copy' created by 'PySequence_List' here}}
  if (copy == NULL) {                    // expected-note {{taking the false branch}}
    Py_DECREF(tuple);
    return NULL;
  }
  PyTuple_SET_ITEM(tuple, 0, copy); // expected-note {{'copy' stolen by 'PyTuple_SET_ITEM' here}}
  Py_DECREF(copy);                  // expected-warning {{releasing 'copy', which is no longer owned here}}
  return tuple;
}

// Py_CLEAR sets the variable to NULL: a second Py_CLEAR does nothing.
void clear_twice(PyObject *obj) {
  PyObject *text = PyObject_Str(obj);
  Py_CLEAR(text);
  Py_CLEAR(text); // no-warning
}

// Py_XDECREF of a NULL result is fine on the error path.
int checked(PyObject *obj) {
  PyObject *text = PyObject_Str(obj);
  if (text == NULL) {
    Py_XDECREF(text); // no-warning
    return -1;
  }
  Py_DECREF(text);
  return 0;
}

// A statically allocated type, retained for a module that steals it: the
// reference is the module's after success, whatever the branches between.
static PyTypeObject CounterType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "demo.Counter",
};

int add_counter_type(PyObject *module) {
  Py_INCREF(&CounterType); // expected-note {{'CounterType' gets a new reference here}}
  if (PyModule_AddObject(module, "Counter", (PyObject *)&CounterType) < 0) { // expected-note {{'CounterType' stolen by 'PyModule_AddObject' here}} \
                                                                             // expected-note {{taking the false branch}}
    Py_DECREF(&CounterType); // no-warning
    return -1;
  }
  Py_DECREF(&CounterType); // expected-warning {{releasing 'CounterType', which is no longer owned here [pyrefleak-over-release]}}
  return 0;
}

// Without the Py_INCREF the function never owned a reference: the object
// is named, not the macro that releases it.
int drop_counter_type(void) {
  Py_DECREF(&CounterType); // expected-warning {{releasing borrowed reference 'CounterType' [pyrefleak-over-release]}}
  return 0;
}
