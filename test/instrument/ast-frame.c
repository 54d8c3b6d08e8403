// An instrumented function opens a frame first: a variable whose cleanup
// closes the frame on every exit. A function with nothing to record is left
// alone.
// RUN: %pyrefleak_cc --instrument -fsyntax-only -I%python_include %s -Xclang -ast-dump -Xclang -ast-dump-filter=frame_ 2>/dev/null | FileCheck %s
#include <Python.h>

PyObject *frame_open(void) {
  return PyList_New(0);
}
// CHECK-LABEL: Dumping frame_open:
// CHECK:      CompoundStmt
// CHECK-NEXT: DeclStmt
// CHECK-NEXT: VarDecl {{.*}} implicit used __pyrefleak_frame_var '__pyrefleak_frame':'struct __pyrefleak_frame' cinit
// CHECK-NEXT: CallExpr {{.*}} '__pyrefleak_frame':'struct __pyrefleak_frame'
// CHECK-NEXT: ImplicitCastExpr {{.*}} <FunctionToPointerDecay>
// CHECK-NEXT: DeclRefExpr {{.*}} '__pyrefleak_frame_enter'
// CHECK-NEXT: CleanupAttr {{.*}} Implicit Function {{.*}} '__pyrefleak_frame_exit'
// CHECK-NEXT: ReturnStmt

int frame_none(int x) {
  return x + 1;
}
// CHECK-LABEL: Dumping frame_none:
// CHECK-NOT:  __pyrefleak
// CHECK:      ReturnStmt
// CHECK-NOT:  __pyrefleak
