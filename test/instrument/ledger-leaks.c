// Leaks the instrumented module must report at run time, one per site, with
// exact counts, while behaving exactly like a plain build.
// RUN: rm -rf %t && mkdir -p %t/plain %t/instr
// RUN: %clang -shared -fPIC -O2 -I%python_include -I%obj_root/include %s -o %t/plain/ledger_leaks.so
// RUN: %pyrefleak_cc --instrument -shared -fPIC -O2 -g -I%python_include -I%obj_root/include %s -o %t/instr/ledger_leaks.so 2>/dev/null
// RUN: env PYTHONPATH=%t/plain %python %S/Inputs/drive.py ledger_leaks > %t/plain.out
// RUN: env PYTHONPATH=%t/instr PYREFLEAK_OPTIONS=json_report=%t/report.json:report_at_exit=0 %python %S/Inputs/drive.py ledger_leaks > %t/instr.out
// RUN: diff %t/plain.out %t/instr.out
// RUN: %python %S/Inputs/leaks.py %t/report.json | FileCheck %s --implicit-check-not=LEAK
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pyrefleak/annotations.h>

// A new int that is never released: below 256 it is the cached object, above
// it a heap object; both are the same leak.
static PyObject *forget_int(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  // CHECK: LEAK forget_int:[[@LINE+1]]:21 PyLong_FromLong leaked=4 cached=2 heap=2 static=yes
  PyObject *value = PyLong_FromLong(n);
  if (value == NULL)
    return NULL;
  return PyLong_FromLong(n + 1);
}

// A reference to None taken with Py_INCREF and never given back; the
// balanced Py_RETURN_NONE that follows is not a leak.
static PyObject *incref_none(PyObject *self, PyObject *unused) {
  // CHECK: LEAK incref_none:[[@LINE+1]]:3 Py_INCREF leaked=2 cached=2 heap=0 static=yes
  Py_INCREF(Py_None);
  Py_RETURN_NONE;
}

// Correct on success, leaks both objects when it raises.
static PyObject *error_path(PyObject *self, PyObject *flag) {
  // CHECK: LEAK error_path:[[@LINE+1]]:20 PyList_New leaked=1 cached=0 heap=1 static=yes
  PyObject *list = PyList_New(0);
  if (list == NULL)
    return NULL;
  // CHECK: LEAK error_path:[[@LINE+1]]:20 PyLong_FromLong leaked=1 cached=0 heap=1 static=yes
  PyObject *item = PyLong_FromLong(123456);
  if (item == NULL) {
    Py_DECREF(list);
    return NULL;
  }
  if (!PyObject_IsTrue(flag)) {
    PyErr_SetString(PyExc_ValueError, "refused");
    return NULL;
  }
  if (PyList_Append(list, item) < 0) {
    Py_DECREF(item);
    Py_DECREF(list);
    return NULL;
  }
  Py_DECREF(item);
  return list;
}

// PyModule_AddObject steals only when it succeeds: the classic bug leaks
// the value when the target is not a module.
static PyObject *add_object(PyObject *self, PyObject *args) {
  PyObject *target;
  long n;
  if (!PyArg_ParseTuple(args, "Ol", &target, &n))
    return NULL;
  // CHECK: LEAK add_object:[[@LINE+1]]:21 PyLong_FromLong leaked=1 cached=0 heap=1 static=yes
  PyObject *value = PyLong_FromLong(n);
  if (value == NULL)
    return NULL;
  if (PyModule_AddObject(target, "added", value) < 0)
    return NULL;
  Py_RETURN_NONE;
}

// A helper of this file that returns a new reference: its callers own it.
static PyObject *make_pair(long a, long b) {
  PyObject *pair = PyTuple_New(2);
  if (pair == NULL)
    return NULL;
  PyTuple_SET_ITEM(pair, 0, PyLong_FromLong(a));
  PyTuple_SET_ITEM(pair, 1, PyLong_FromLong(b));
  return pair;
}

static PyObject *drop_pair(PyObject *self, PyObject *keep) {
  // CHECK: LEAK drop_pair:[[@LINE+1]]:17 make_pair leaked=1 cached=0 heap=1 static=yes
  PyObject *p = make_pair(1, 2);
  if (p == NULL)
    return NULL;
  if (PyObject_IsTrue(keep))
    return p;
  return PyLong_FromLong(0);
}

// Leaks on every odd number: one count per iteration that skips the
// release.
static PyObject *loop_odd(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  long total = 0;
  for (long i = 0; i < n; ++i) {
    // CHECK: LEAK loop_odd:[[@LINE+1]]:19 PyLong_FromLong leaked=5 cached=5 heap=0 static=yes
    PyObject *v = PyLong_FromLong(i);
    if (v == NULL)
      return NULL;
    total += PyLong_AsLong(v);
    if (i % 2)
      continue;
    Py_DECREF(v);
  }
  return PyLong_FromLong(total);
}

// The static analysis reports this one too: the site says so.
static PyObject *inline_argument(PyObject *self, PyObject *list) {
  // CHECK: LEAK inline_argument:[[@LINE+1]]:27 PyLong_FromLong leaked=1 cached=0 heap=1 static=yes
  if (PyList_Append(list, PyLong_FromLong(424242)) < 0)
    return NULL;
  Py_RETURN_NONE;
}

// Defined after its caller: the annotation says what it returns.
PYREFLEAK_RETURNS_NEW static PyObject *make_later(long n);

static PyObject *drop_later(PyObject *self, PyObject *unused) {
  // CHECK: LEAK drop_later:[[@LINE+1]]:20 make_later leaked=1 cached=0 heap=1 static=yes
  PyObject *item = make_later(5);
  if (item == NULL)
    return NULL;
  Py_RETURN_NONE;
}

static PyObject *make_later(long n) { return PyLong_FromLong(n + 20000); }

static PyMethodDef methods[] = {
    {"forget_int", forget_int, METH_O, NULL},
    {"incref_none", incref_none, METH_NOARGS, NULL},
    {"error_path", error_path, METH_O, NULL},
    {"add_object", add_object, METH_VARARGS, NULL},
    {"drop_pair", drop_pair, METH_O, NULL},
    {"loop_odd", loop_odd, METH_O, NULL},
    {"inline_argument", inline_argument, METH_O, NULL},
    {"drop_later", drop_later, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ledger_leaks",
                                    NULL, -1, methods};

PyMODINIT_FUNC PyInit_ledger_leaks(void) { return PyModule_Create(&module); }
// CHECK: TOTAL leaked=17
