// Every call that returns a new reference is wrapped in __pyrefleak_acquire,
// in place, with a site descriptor: flags, file, line, column, function, API.
// RUN: %pyrefleak_cc --instrument -fsyntax-only -I%python_include %s -Xclang -ast-print -Xclang -ast-dump-filter=acquire_ 2>/dev/null | FileCheck %s
// RUN: %pyrefleak_cc --instrument -fsyntax-only -I%python_include %s -Xclang -ast-dump -Xclang -ast-dump-filter=acquire_shape 2>/dev/null | FileCheck --check-prefix=DUMP %s
#include <Python.h>

PyObject *acquire_shape(long n) {
  return PyLong_FromLong(n);
}
// The hook takes and returns void *; the casts restore the call's type.
// DUMP-LABEL: Dumping acquire_shape:
// DUMP:      ReturnStmt
// DUMP-NEXT: ImplicitCastExpr {{.*}} 'PyObject *' <BitCast>
// DUMP-NEXT: CallExpr {{.*}} 'void *'
// DUMP-NEXT: ImplicitCastExpr {{.*}} <FunctionToPointerDecay>
// DUMP-NEXT: DeclRefExpr {{.*}} Function {{.*}} '__pyrefleak_escape'
// DUMP-NEXT: ImplicitCastExpr {{.*}} 'void *' <BitCast>
// DUMP-NEXT: ImplicitCastExpr {{.*}} 'PyObject *' <BitCast>
// DUMP-NEXT: CallExpr {{.*}} 'void *'
// DUMP-NEXT: ImplicitCastExpr {{.*}} <FunctionToPointerDecay>
// DUMP-NEXT: DeclRefExpr {{.*}} Function {{.*}} '__pyrefleak_acquire'
// DUMP-NEXT: ImplicitCastExpr {{.*}} 'void *' <BitCast>
// DUMP-NEXT: CallExpr {{.*}} 'PyObject *'
// DUMP-NEXT: ImplicitCastExpr {{.*}} <FunctionToPointerDecay>
// DUMP-NEXT: DeclRefExpr {{.*}} Function {{.*}} 'PyLong_FromLong'
// DUMP-NEXT: ImplicitCastExpr {{.*}} 'long' <LValueToRValue>
// DUMP-NEXT: DeclRefExpr {{.*}} ParmVar {{.*}} 'n'
// DUMP-NEXT: ImplicitCastExpr {{.*}} 'const char *' <NoOp>
// DUMP-NEXT: ImplicitCastExpr {{.*}} 'char *' <ArrayToPointerDecay>
// DUMP-NEXT: StringLiteral {{.*}} "-\037{{.*}}ast-acquire.c\0378\03710\037acquire_shape\037PyLong_FromLong"

// CHECK-LABEL: acquire_local(
PyObject *acquire_local(void) {
  // CHECK: PyObject *list = __pyrefleak_acquire(PyList_New(0), "-\037{{[^"]*}}ast-acquire.c\037[[@LINE+1]]\03720\037acquire_local\037PyList_New", {{[0-9]+}}U);
  PyObject *list = PyList_New(0);
  return list;
}

// Py_NewRef is the static inline _Py_NewRef in 3.11; Py_INCREF acquires its
// argument.
// CHECK-LABEL: acquire_new_ref(
PyObject *acquire_new_ref(PyObject *o) {
  // CHECK: PyObject *copy = __pyrefleak_acquire(_Py_NewRef({{.*}}o{{.*}}), "-\037{{[^"]*}}\037[[@LINE+1]]\03720\037acquire_new_ref\037Py_NewRef", {{[0-9]+}}U);
  PyObject *copy = Py_NewRef(o);
  // CHECK: Py_INCREF(__pyrefleak_retain({{.*}}o{{.*}}, "-\037{{[^"]*}}\037[[@LINE+1]]\0373\037acquire_new_ref\037Py_INCREF", {{[0-9]+}}U));
  Py_INCREF(o);
  Py_DECREF(o);
  return copy;
}

// A call is reported under the name of its rule.
// CHECK-LABEL: acquire_alias(
PyObject *acquire_alias(long n) {
  // CHECK: __pyrefleak_acquire({{_?}}Py_BuildValue{{(_SizeT)?}}("(l)", n), "-\037{{[^"]*}}\037[[@LINE+1]]\03710\037acquire_alias\037Py_BuildValue", {{[0-9]+}}U)
  return Py_BuildValue("(l)", n);
}

// "S": the static analysis reported the site in the same compile.
// CHECK-LABEL: acquire_reported(
int acquire_reported(PyObject *dict, long n) {
  // CHECK: PyDict_SetItem(dict, __pyrefleak_acquire(PyLong_FromLong(n), "S\037{{[^"]*}}\037[[@LINE+1]]\03731\037acquire_reported\037PyLong_FromLong", {{[0-9]+}}U), {{.*}});
  return PyDict_SetItem(dict, PyLong_FromLong(n), Py_None);
}

// A reference the path analysis sees leak on an error path is flagged "S"
// at its creation site too.
// CHECK-LABEL: acquire_leaked_on_path(
int acquire_leaked_on_path(PyObject *list, long n) {
  // CHECK: PyObject *item = __pyrefleak_acquire(PyLong_FromLong(n), "S\037{{[^"]*}}\037[[@LINE+1]]\03720\037acquire_leaked_on_path\037PyLong_FromLong", {{[0-9]+}}U);
  PyObject *item = PyLong_FromLong(n);
  if (item == NULL)
    return -1;
  if (PyList_Append(list, item) < 0)
    return -1;
  Py_DECREF(item);
  return 0;
}

// A function of this file that returns a new reference: calls to it are
// acquired under its own name. One that returns a borrowed reference is not.
static PyObject *make_item(long n) {
  PyObject *item = PyLong_FromLong(n);
  if (item == NULL)
    return NULL;
  return item;
}
static PyObject *peek_item(PyObject *dict) {
  return PyDict_GetItemString(dict, "item");
}
// CHECK-LABEL: acquire_helpers(
PyObject *acquire_helpers(PyObject *dict) {
  // CHECK: PyObject *made = __pyrefleak_acquire(make_item(1), "-\037{{[^"]*}}\037[[@LINE+1]]\03720\037acquire_helpers\037make_item", {{[0-9]+}}U);
  PyObject *made = make_item(1);
  // CHECK: PyObject *peeked = peek_item(dict);
  PyObject *peeked = peek_item(dict);
  Py_XDECREF(made);
  return Py_XNewRef(peeked);
}

// A call written as a macro's argument is placed where it was written, and
// named after the macro the user wrote (Py_NewRef, not _Py_NewRef).
// CHECK-LABEL: acquire_in_macro(
void acquire_in_macro(PyObject *tuple, PyObject *o) {
  // CHECK: __pyrefleak_acquire(PyLong_FromLong(1), "-\037{{[^"]*}}\037[[@LINE+1]]\03730\037acquire_in_macro\037PyLong_FromLong", {{[0-9]+}}U)
  PyTuple_SET_ITEM(tuple, 0, PyLong_FromLong(1));
  // CHECK: __pyrefleak_acquire(_Py_NewRef({{.*}}), "-\037{{[^"]*}}\037[[@LINE+1]]\03730\037acquire_in_macro\037Py_NewRef", {{[0-9]+}}U)
  PyTuple_SET_ITEM(tuple, 1, Py_NewRef(o));
}
