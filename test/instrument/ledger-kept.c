// References kept where the code keeps them, each reference-correct: a
// field or a static that is assigned and then retained, a same-file helper
// that stores its argument or replaces it, and one leak among two records
// of the same cached object, which must be counted against the line whose
// reference was not released. Plain and instrumented builds behave alike.
// RUN: rm -rf %t && mkdir -p %t/plain %t/instr
// RUN: %clang -shared -fPIC -O2 -I%python_include %s -o %t/plain/ledger_kept.so
// RUN: %pyrefleak_cc --instrument -shared -fPIC -O2 -I%python_include %s -o %t/instr/ledger_kept.so 2>/dev/null
// RUN: env PYTHONPATH=%t/plain %python %S/Inputs/drive.py ledger_kept > %t/plain.out
// RUN: env PYTHONPATH=%t/instr PYREFLEAK_OPTIONS=json_report=%t/report.json:report_at_exit=0 %python %S/Inputs/drive.py ledger_kept > %t/instr.out
// RUN: diff %t/plain.out %t/instr.out
// RUN: %python %S/Inputs/leaks.py %t/report.json | FileCheck %s --implicit-check-not=LEAK
// CHECK: LEAK two_records:[[@LINE+108]]:7 PyLong_FromLong leaked=2 cached=2 heap=0 static=yes
// CHECK: TOTAL leaked=2
#define PY_SSIZE_T_CLEAN
#include <Python.h>

struct Holder {
  PyObject *ref;
};
static struct Holder holder;
static PyObject *saved;

// Stored first, then retained through the place it was stored in.
static PyObject *store_then_incref(PyObject *self, PyObject *arg) {
  struct Holder *h = &holder;
  Py_XDECREF(h->ref);
  h->ref = arg;
  Py_INCREF(h->ref);
  Py_RETURN_NONE;
}

// Stored first, then retained through the value (code generators' new
// objects: `p->x = Py_None; Py_INCREF(Py_None);`).
static PyObject *store_then_incref_value(PyObject *self, PyObject *arg) {
  struct Holder *h = &holder;
  Py_XDECREF(h->ref);
  h->ref = Py_None;
  Py_INCREF(Py_None);
  Py_DECREF(h->ref);
  h->ref = arg;
  Py_INCREF(arg);
  Py_RETURN_NONE;
}

// A borrowed reference given to a stealing call, then paid for.
static PyObject *steal_then_incref(PyObject *self, PyObject *arg) {
  PyObject *list = PyList_New(1);
  if (!list)
    return NULL;
  if (PyList_SetItem(list, 0, arg) < 0) {
    Py_DECREF(list);
    return NULL;
  }
  Py_INCREF(arg);
  return list;
}

// A helper whose effect depends on a flag: no summary can state it, so
// what it does with the reference it is given is not counted.
static int consume_if(PyObject *o, int consume) {
  if (consume)
    Py_DECREF(o);
  return consume;
}

static PyObject *give_to_unknown(PyObject *self, PyObject *arg) {
  PyObject *o = PyLong_FromLong(PyLong_AsLong(arg));
  if (!o)
    return NULL;
  if (!consume_if(o, 1))
    Py_DECREF(o);
  Py_RETURN_NONE;
}

// The same with a module-level cache.
static PyObject *cache_then_incref(PyObject *self, PyObject *arg) {
  Py_XDECREF(saved);
  saved = arg;
  Py_INCREF(saved);
  Py_RETURN_NONE;
}

// A helper that keeps what it is given; the caller hands it a new reference.
static void set_ref(struct Holder *h, PyObject *o) {
  Py_XDECREF(h->ref);
  h->ref = o;
}

static PyObject *store_through_helper(PyObject *self, PyObject *arg) {
  PyObject *text = PyObject_Str(arg);
  if (!text)
    return NULL;
  set_ref(&holder, text);
  set_ref(&holder, PyLong_FromLong(PyLong_AsLong(arg) + 1));
  Py_RETURN_NONE;
}

// A helper that consumes its argument and returns a replacement, or the
// argument itself.
static PyObject *maybe_wrap(PyObject *o, int wrap) {
  if (!wrap)
    return o;
  PyObject *t = PyTuple_Pack(1, o);
  Py_DECREF(o);
  return t;
}

static PyObject *replace_through_helper(PyObject *self, PyObject *arg) {
  PyObject *o = PyLong_FromLong(PyLong_AsLong(arg));
  if (!o)
    return NULL;
  o = maybe_wrap(o, PyLong_AsLong(arg) > 10);
  return o;
}

// Two references to the cached 7; the second is never released.
static PyObject *two_records(PyObject *self, PyObject *unused) {
  PyObject *a = PyLong_FromLong(7);
  PyObject *b =
      PyLong_FromLong(7);
  Py_DECREF(a);
  (void)b;
  Py_RETURN_NONE;
}

static PyObject *stored(PyObject *self, PyObject *unused) {
  return Py_BuildValue("(OO)", holder.ref ? holder.ref : Py_None,
                       saved ? saved : Py_None);
}

static PyMethodDef methods[] = {
    {"store_then_incref", store_then_incref, METH_O, NULL},
    {"cache_then_incref", cache_then_incref, METH_O, NULL},
    {"store_then_incref_value", store_then_incref_value, METH_O, NULL},
    {"give_to_unknown", give_to_unknown, METH_O, NULL},
    {"steal_then_incref", steal_then_incref, METH_O, NULL},
    {"store_through_helper", store_through_helper, METH_O, NULL},
    {"replace_through_helper", replace_through_helper, METH_O, NULL},
    {"two_records", two_records, METH_NOARGS, NULL},
    {"stored", stored, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ledger_kept", NULL,
                                    -1, methods};

PyMODINIT_FUNC PyInit_ledger_kept(void) { return PyModule_Create(&module); }
