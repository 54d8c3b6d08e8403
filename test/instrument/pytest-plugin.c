// The pytest plugin on a module built by the real instrumentation: each test
// is told which C sites leaked during it, and --pyrefleak-fail fails it. A
// worker thread that releases the GIL leaks on its own ledger, counted too.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %pyrefleak_cc --instrument -shared -fPIC -O2 -I%python_include %s -o %t/pytestmod.so 2>/dev/null
// RUN: cp %S/Inputs/test_pytestmod.py %t/
// RUN: cd %t && env PYTHONPATH=%t:%obj_root/lib/pyrefleak/python PYREFLEAK_OPTIONS=report_at_exit=0 %python -m pytest -p pyrefleak.pytest_plugin -p no:cacheprovider -q test_pytestmod.py > %t/report.out 2>&1
// RUN: FileCheck %s < %t/report.out
// RUN: cd %t && not env PYTHONPATH=%t:%obj_root/lib/pyrefleak/python PYREFLEAK_OPTIONS=report_at_exit=0 %python -m pytest -p pyrefleak.pytest_plugin -p no:cacheprovider -q --pyrefleak-fail test_pytestmod.py > %t/fail.out 2>&1
// RUN: FileCheck --check-prefix=FAIL %s < %t/fail.out
// CHECK: test_pytestmod.py::test_leaks: 300 leaked references
// CHECK-NEXT: 300 leaked references at {{.*}}pytest-plugin.c:[[@LINE+17]]:{{[0-9]+}} in record (PyLong_FromLong)
// CHECK: test_pytestmod.py::test_threads: 4000 leaked references
// CHECK-NEXT: 4000 leaked references at {{.*}}pytest-plugin.c:[[@LINE+15]]:{{[0-9]+}} in record (PyLong_FromLong)
// CHECK-NOT: test_clean
// CHECK: 3 passed
// FAIL-DAG: FAILED test_pytestmod.py::test_leaks
// FAIL-DAG: FAILED test_pytestmod.py::test_threads
// FAIL-DAG: 2 failed, 1 passed
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// The seed bug, with the GIL released between calls by the caller's thread.
static PyObject *record(PyObject *self, PyObject *args) {
  PyObject *dict;
  long n;
  if (!PyArg_ParseTuple(args, "O!l", &PyDict_Type, &dict, &n))
    return NULL;
  if (PyDict_SetItem(dict, PyLong_FromLong(n), Py_None) < 0)
    return NULL;
  Py_RETURN_NONE;
}

static PyObject *record_fixed(PyObject *self, PyObject *args) {
  PyObject *dict;
  long n;
  if (!PyArg_ParseTuple(args, "O!l", &PyDict_Type, &dict, &n))
    return NULL;
  PyObject *key = PyLong_FromLong(n);
  if (key == NULL)
    return NULL;
  int rc = PyDict_SetItem(dict, key, Py_None);
  Py_DECREF(key);
  if (rc < 0)
    return NULL;
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"record", record, METH_VARARGS, NULL},
    {"record_fixed", record_fixed, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "pytestmod", NULL,
                                    -1, methods};

PyMODINIT_FUNC PyInit_pytestmod(void) { return PyModule_Create(&module); }
