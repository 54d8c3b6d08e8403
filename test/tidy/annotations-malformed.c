// Malformed pyrefleak annotations belong to no check: clang-tidy reports
// them as errors whichever pyrefleak checks are enabled, once each.
// RUN: not %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' %s -- -I%python_include %python_compat -I%obj_root/include | FileCheck --implicit-check-not='error:' --implicit-check-not='warning:' %s
// RUN: not %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-*' %s -- -I%python_include %python_compat -I%obj_root/include | FileCheck --implicit-check-not='error:' --implicit-check-not='warning:' %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pyrefleak/annotations.h>

PYREFLEAK_STEALS_ARGUMENT(3)
// CHECK: :[[@LINE-1]]:1: error: 'pyrefleak::steals-argument' on 'store' names parameter 3, which does not exist (parameters count from 1) [clang-diagnostic-error]
int store(PyObject *cache, PyObject *item);

__attribute__((annotate("pyrefleak::returns-newref")))
// CHECK: :[[@LINE-1]]:16: error: unknown pyrefleak annotation 'pyrefleak::returns-newref' on 'make'
PyObject *make(void);

// Well-formed: no error.
PYREFLEAK_RETURNS_NEW PyObject *make_item(long n);
