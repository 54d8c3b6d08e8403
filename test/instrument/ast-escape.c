// Objects leave the frame when returned or stored where they outlive it; a
// store into a local variable, or a local struct or array, keeps them.
// RUN: %pyrefleak_cc --instrument -fsyntax-only -I%python_include %s -Xclang -ast-print -Xclang -ast-dump-filter=escape_ 2>/dev/null | FileCheck %s
#include <Python.h>

typedef struct {
  PyObject_HEAD
  PyObject *field;
} Box;

static PyObject *global;

// CHECK-LABEL: escape_stores(
void escape_stores(Box *box, PyObject **out, PyObject **array, PyObject *o) {
  static PyObject *cached;
  PyObject *local;
  PyObject *local_array[2];
  struct { PyObject *member; } local_struct;
  // CHECK: box->field = __pyrefleak_store(o, "-\037{{[^"]*}}\037[[@LINE+1]]\0373\037escape_stores\037", {{[0-9]+}}U);
  box->field = o;
  // CHECK: global = __pyrefleak_store(o,
  global = o;
  // CHECK: cached = __pyrefleak_store(o,
  cached = o;
  // CHECK: *out = __pyrefleak_store(o,
  *out = o;
  // CHECK: array[1] = __pyrefleak_store(o,
  array[1] = o;
  // CHECK: local = o;
  local = o;
  // CHECK: local_array[0] = o;
  local_array[0] = o;
  // CHECK: local_struct.member = o;
  local_struct.member = o;
  // CHECK: box->field = ((void *)0);
  box->field = NULL;
  (void)local, (void)local_array, (void)local_struct;
}

// An extension type pointer is an object pointer too.
// CHECK-LABEL: escape_return(
Box *escape_return(Box *box) {
  // CHECK: return __pyrefleak_escape(box, "-\037{{[^"]*}}\037[[@LINE+1]]\0373\037escape_return\037", {{[0-9]+}}U);
  return box;
}

// Neither NULL nor a non-object pointer is recorded.
// CHECK-LABEL: escape_none(
const char *escape_none(int which) {
  // CHECK: return ((void *)0);
  if (which)
    return NULL;
  // CHECK: return "text";
  return "text";
}

// An object stored through a generic pointer still leaves the frame.
struct Context {
  void *data;
};
// CHECK-LABEL: escape_generic(
void *escape_generic(struct Context *context, PyObject *o) {
  // CHECK: context->data = __pyrefleak_store(o,
  context->data = o;
  // CHECK: return __pyrefleak_escape(o,
  return o;
}
