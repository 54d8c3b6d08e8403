// The plugin loaded by hand with "instrument" but without the runtime's
// declarations (pyrefleak-cc --instrument force-includes them): one warning,
// and the code is not changed.
// RUN: %clang -fsyntax-only -fplugin=%pyrefleak_plugin -fplugin-arg-pyrefleak-rules-dir=%rules_dir -fplugin-arg-pyrefleak-instrument -I%python_include %s -Xclang -ast-print -Xclang -ast-dump-filter=plain_ 2>&1 | FileCheck %s --implicit-check-not=__pyrefleak --implicit-check-not=warning:
// CHECK: warning: pyrefleak: not instrumenting: the declarations of pyrefleak/instrument.h are missing (compile with 'pyrefleak-cc --instrument')
// CHECK: PyObject *plain_one(void) {
// CHECK-NEXT: return PyList_New(0);
// CHECK: PyObject *plain_two(void) {
// CHECK-NEXT: return PyDict_New();
#include <Python.h>

PyObject *plain_one(void) { return PyList_New(0); }
PyObject *plain_two(void) { return PyDict_New(); }
