// The options of the pyrefleak checks, read with getLocalOrGlobal so that
// one entry configures all six, and written back by --dump-config.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' %s -- -I%python_include %python_compat | FileCheck --check-prefixes=CHECK-MESSAGES,BUILTIN --implicit-check-not='warning:' %s
//
// RulesDir replaces the built-in rules:
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' -config="{CheckOptions: {pyrefleak-leak.RulesDir: '%S/Inputs/rules-minimal'}}" %s -- -I%python_include %python_compat | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
//
// RulesFiles adds to them, as a local or a global option:
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' -config="{CheckOptions: {pyrefleak-leak.RulesFiles: '%S/Inputs/extension-rules.yaml'}}" %s -- -I%python_include %python_compat | FileCheck --check-prefixes=CHECK-MESSAGES,BUILTIN,RULESFILES --implicit-check-not='warning:' %s
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' -config="{CheckOptions: {RulesFiles: '%S/Inputs/extension-rules.yaml'}}" %s -- -I%python_include %python_compat | FileCheck --check-prefixes=CHECK-MESSAGES,BUILTIN,RULESFILES --implicit-check-not='warning:' %s
// RUN: not %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' -config="{CheckOptions: {RulesFiles: '%S/Inputs/no-such-rules.yaml'}}" %s -- -I%python_include %python_compat 2>&1 | FileCheck --check-prefix=NORULES %s
// NORULES: error: cannot load the pyrefleak rules: {{.*}}no-such-rules.yaml{{.*}} [clang-tidy-config]
//
// PathBudget bounds the states the path-sensitive analysis explores; the
// definite findings below need no path:
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' -config="{CheckOptions: {pyrefleak-leak.PathBudget: 10}}" %s -- -I%python_include %python_compat | FileCheck --check-prefixes=CHECK-MESSAGES,BUILTIN --implicit-check-not='warning:' %s
// RUN: not %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' -config="{CheckOptions: {PathBudget: 0}}" %s -- -I%python_include %python_compat 2>&1 | FileCheck --check-prefix=BADBUDGET --implicit-check-not='[pyrefleak-leak]' %s
// BADBUDGET: error: invalid configuration value '0' for option 'PathBudget'; expected a positive number [clang-tidy-config]
//
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-leak' -config="{CheckOptions: {pyrefleak-leak.PathBudget: 7, RulesFiles: 'a.yaml;b.yaml'}}" --dump-config %s -- | FileCheck --check-prefix=DUMP %s
// DUMP: CheckOptions:
// DUMP: pyrefleak-leak.PathBudget: '7'
// DUMP-NEXT: pyrefleak-leak.RulesDir: ''
// DUMP-NEXT: pyrefleak-leak.RulesFiles: 'a.yaml;b.yaml'
#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern PyObject *mymod_new_item(long n);

int record(PyObject *d, long n) {
  return PyDict_SetItem(d, PyLong_FromLong(n), Py_None);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'PyDict_SetItem' does not steal argument 2; the new reference from 'PyLong_FromLong' is never released [pyrefleak-leak]
  // CHECK-MESSAGES: :[[@LINE-2]]:28: note: store the result
}

// PyList_Append is not in Inputs/rules-minimal.
int append_name(PyObject *list, const char *name) {
  return PyList_Append(list, PyUnicode_FromString(name));
  // BUILTIN: :[[@LINE-1]]:30: warning: 'PyList_Append' does not steal argument 2; the new reference from 'PyUnicode_FromString' is never released [pyrefleak-leak]
  // BUILTIN: :[[@LINE-2]]:30: note: store the result
}

// Only Inputs/extension-rules.yaml says mymod_new_item returns a new
// reference; unknown functions are given the benefit of the doubt.
int append_item(PyObject *list, long n) {
  return PyList_Append(list, mymod_new_item(n));
  // RULESFILES: :[[@LINE-1]]:30: warning: 'PyList_Append' does not steal argument 2; the new reference from 'mymod_new_item' is never released [pyrefleak-leak]
  // RULESFILES: :[[@LINE-2]]:30: note: store the result
}
