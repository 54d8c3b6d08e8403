// Arguments that lose a reference: released (Py_DECREF and the macros built
// on it), stolen (parameters and "N" units), or stolen only on success, with
// the call's result settled by the rule's failure convention.
// RUN: %pyrefleak_cc --instrument -fsyntax-only -I%python_include %s -Xclang -ast-print -Xclang -ast-dump-filter=lose_ 2>/dev/null | FileCheck %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// CHECK-LABEL: lose_release(
void lose_release(PyObject *a, PyObject *b, PyObject *c) {
  // CHECK: Py_DECREF(__pyrefleak_release({{.*}}a{{.*}}, "-\037{{[^"]*}}\037[[@LINE+1]]\0373\037lose_release\037Py_DECREF", {{[0-9]+}}U));
  Py_DECREF(a);
  // CHECK: Py_XDECREF(__pyrefleak_release({{.*}}b{{.*}}, "{{[^"]*}}Py_XDECREF", {{[0-9]+}}U));
  Py_XDECREF(b);
  // Py_CLEAR: the variable is set to NULL (nothing to record), then the old
  // value is released (through a pointer to it from 3.12 on).
  // CHECK: {{\(c\)|\*_tmp_op_ptr}} = ((void *)0);
  // CHECK: Py_DECREF(__pyrefleak_release({{.*(_py_tmp|_tmp_old_op).*}}, "-\037{{[^"]*}}\037[[@LINE+1]]\0373\037lose_release\037Py_DECREF", {{[0-9]+}}U));
  Py_CLEAR(c);
}

// CHECK-LABEL: lose_steal(
PyObject *lose_steal(PyObject *item) {
  PyObject *tuple = PyTuple_New(2);
  if (tuple == NULL)
    return NULL;
  // CHECK: PyTuple_SET_ITEM({{.*}}, {{\(?}}0{{\)?}}, __pyrefleak_steal({{.*}}__pyrefleak_acquire(PyLong_FromLong(1), "{{[^"]*}}PyLong_FromLong", {{[0-9]+}}U){{.*}}, "-\037{{[^"]*}}\037[[@LINE+1]]\0373\037lose_steal\037PyTuple_SET_ITEM", {{[0-9]+}}U));
  PyTuple_SET_ITEM(tuple, 0, PyLong_FromLong(1));
  Py_INCREF(item);
  // CHECK: PyTuple_SetItem(tuple, 1, __pyrefleak_steal(item, "{{[^"]*}}PyTuple_SetItem", {{[0-9]+}}U))
  if (PyTuple_SetItem(tuple, 1, item) < 0) {
    Py_DECREF(tuple);
    return NULL;
  }
  return tuple;
}

// "N" steals its argument, "O" borrows it.
// CHECK-LABEL: lose_build(
PyObject *lose_build(PyObject *kept) {
  PyObject *given = PyLong_FromLong(2);
  // CHECK: {{_Py_BuildValue_SizeT|Py_BuildValue}}("(NO)", __pyrefleak_steal(given, "{{[^"]*}}\037Py_BuildValue", {{[0-9]+}}U), kept)
  return Py_BuildValue("(NO)", given, kept);
}

// CHECK-LABEL: lose_on_success(
int lose_on_success(PyObject *module) {
  PyObject *value = PyLong_FromLong(3);
  if (value == NULL)
    return -1;
  // CHECK: if (__pyrefleak_settle_status(PyModule_AddObject(module, "value", __pyrefleak_steal_pending(value, "-\037{{[^"]*}}\037[[@LINE+1]]\0377\037lose_on_success\037PyModule_AddObject", {{[0-9]+}}U))) < 0) {
  if (PyModule_AddObject(module, "value", value) < 0) {
    Py_DECREF(value);
    return -1;
  }
  return 0;
}

// NULL constants are not recorded.
// CHECK-LABEL: lose_null(
void lose_null(void) {
  // CHECK: Py_XDECREF(((PyObject *)((((void *)0)))));
  Py_XDECREF(NULL);
}
