// References received through out-parameters are not followed: neither the
// acquisitions stored into such a variable nor its releases, steals or
// escapes are recorded, so the two sides stay balanced.
// RUN: %pyrefleak_cc --instrument -fsyntax-only -I%python_include %s -Xclang -ast-print -Xclang -ast-dump-filter=untracked_ 2>/dev/null | FileCheck %s
#include <Python.h>

// CHECK-LABEL: untracked_fetch(
void untracked_fetch(void) {
  PyObject *type, *value, *traceback;
  // CHECK: PyErr_Fetch(&type, &value, &traceback);
  PyErr_Fetch(&type, &value, &traceback);
  // CHECK: PyErr_Restore(type, value, traceback);
  PyErr_Restore(type, value, traceback);
}

// CHECK-LABEL: untracked_append(
PyObject *untracked_append(PyObject *tail) {
  // CHECK: PyObject *text = PyUnicode_FromString("<");
  PyObject *text = PyUnicode_FromString("<");
  // CHECK: PyUnicode_Append(&text, tail);
  PyUnicode_Append(&text, tail);
  // CHECK: return text;
  return text;
}

// Borrowed out-parameters are ordinary values: Py_INCREF and Py_DECREF of
// them are recorded.
// CHECK-LABEL: untracked_borrowed(
void untracked_borrowed(PyObject *dict) {
  PyObject *key, *value;
  Py_ssize_t pos = 0;
  while (PyDict_Next(dict, &pos, &key, &value)) {
    // CHECK: Py_INCREF(__pyrefleak_retain({{.*}}key{{.*}}, "{{[^"]*}}Py_INCREF", {{[0-9]+}}U));
    Py_INCREF(key);
    // CHECK: Py_DECREF(__pyrefleak_release({{.*}}key{{.*}}, "{{[^"]*}}Py_DECREF", {{[0-9]+}}U));
    Py_DECREF(key);
  }
}
