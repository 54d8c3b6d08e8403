// Calls to functions annotated pyrefleak::transparent (the instrumentation's
// hooks) read as their first argument, and a variable cleaned up by one is
// not the program's: code in the shape the instrumenter produces is
// checked as the code it came from.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define HOOK __attribute__((annotate("pyrefleak::transparent")))
typedef struct frame { unsigned long mark; } frame;
HOOK frame enter(const int *abi);
HOOK void leave(frame *f);
HOOK void *acquire(void *obj, const char *site);
HOOK void *release(void *obj, const char *site);
extern const int abi;

PyObject *first_item_list(PyObject *self, PyObject *args) {
  __attribute__((cleanup(leave))) frame f = enter(&abi);
  PyObject *list = acquire(PyList_New(1), "s1"); // expected-note {{new reference 'list' created by 'PyList_New' here}}
  if (list == NULL)                              // expected-note {{taking the false branch}}
    return NULL;
  PyObject *item = acquire(PyUnicode_FromString("first"), "s2");
  if (item == NULL) // expected-note {{taking the true branch}}
    return NULL;    // expected-warning {{owned reference 'list' from 'PyList_New' is never released [pyrefleak-leak]}}
  PyList_SET_ITEM(list, 0, item);
  return list;
}

int log_repr(PyObject *obj) {
  __attribute__((cleanup(leave))) frame f = enter(&abi);
  PyObject *text = acquire(PyObject_Repr(obj), "s3");
  if (text == NULL)
    return -1;
  int rc = PyObject_Print(text, stderr, Py_PRINT_RAW);
  Py_DECREF(release(text, "s4"));
  return rc; // no-warning
}

// The hooks set no exception.
static PyObject *doubled(PyObject *self, PyObject *key) {
  __attribute__((cleanup(leave))) frame f = enter(&abi);
  if (!PyUnicode_Check(key)) // expected-note {{taking the true branch}}
    return NULL;             // expected-warning {{'doubled' returns NULL to Python without setting an exception}}
  return PyUnicode_Concat(key, key);
}

static PyMethodDef methods[] = {
    {"doubled", doubled, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
void *keep[] = {methods};
