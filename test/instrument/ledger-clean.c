// Correct code: references stored where they outlive the call, stolen,
// returned, released on every path. The instrumented module reports no leak
// and behaves exactly like a plain build.
// RUN: rm -rf %t && mkdir -p %t/plain %t/instr
// RUN: %clang -shared -fPIC -O2 -I%python_include %s -o %t/plain/ledger_clean.so
// RUN: %pyrefleak_cc --instrument -shared -fPIC -O2 -I%python_include %s -o %t/instr/ledger_clean.so 2>/dev/null
// RUN: env PYTHONPATH=%t/plain %python %S/Inputs/drive.py ledger_clean > %t/plain.out
// RUN: env PYTHONPATH=%t/instr PYREFLEAK_OPTIONS=json_report=%t/report.json:report_at_exit=0 %python %S/Inputs/drive.py ledger_clean > %t/instr.out
// RUN: diff %t/plain.out %t/instr.out
// RUN: %python %S/Inputs/leaks.py %t/report.json | FileCheck %s --implicit-check-not=LEAK
// CHECK: TOTAL leaked=0
#define PY_SSIZE_T_CLEAN
#include <Python.h>

struct Holder {
  PyObject *item;
};
static struct Holder holder;
static PyObject *global_item;
static PyObject *slots[2];

// Stores into a field through a pointer: the reference outlives the call.
static PyObject *store_field(PyObject *self, PyObject *arg) {
  struct Holder *h = &holder;
  Py_XSETREF(h->item, PyLong_FromLong(PyLong_AsLong(arg)));
  Py_RETURN_NONE;
}

// Stores into globals, directly and as a member of a global struct.
static PyObject *store_global(PyObject *self, PyObject *arg) {
  PyObject *old = global_item;
  global_item = PyNumber_Add(arg, arg);
  Py_XDECREF(old);
  Py_INCREF(arg);
  Py_XSETREF(holder.item, arg);
  return global_item ? Py_NewRef(global_item) : NULL;
}

// Stores into the elements of an array through a pointer.
static PyObject *store_slots(PyObject *self, PyObject *arg) {
  PyObject **s = slots;
  for (int i = 0; i < 2; ++i)
    Py_XSETREF(s[i], PyLong_FromLong(PyLong_AsLong(arg) + i));
  Py_RETURN_NONE;
}

static PyObject *stored(PyObject *self, PyObject *unused) {
  return Py_BuildValue("(OOOO)", holder.item ? holder.item : Py_None,
                       global_item ? global_item : Py_None,
                       slots[0] ? slots[0] : Py_None,
                       slots[1] ? slots[1] : Py_None);
}

// A reference handed out through a pointer parameter.
static int make_into(long n, PyObject **out) {
  *out = PyLong_FromLong(n);
  return *out ? 0 : -1;
}

static PyObject *out_param(PyObject *self, PyObject *arg) {
  PyObject *result = NULL;
  if (make_into(PyLong_AsLong(arg) * 2, &result) < 0)
    return NULL;
  return result;
}

// Every kind of stealing call, with new references and with ones taken
// with Py_INCREF.
static PyObject *steal_all(PyObject *self, PyObject *arg) {
  PyObject *tuple = PyTuple_New(3);
  if (tuple == NULL)
    return NULL;
  PyTuple_SET_ITEM(tuple, 0, PyLong_FromLong(PyLong_AsLong(arg)));
  Py_INCREF(arg);
  PyTuple_SET_ITEM(tuple, 1, arg);
  PyObject *list = PyList_New(1);
  if (list == NULL) {
    Py_DECREF(tuple);
    return NULL;
  }
  PyList_SET_ITEM(list, 0, PyUnicode_FromString("x"));
  if (PyTuple_SetItem(tuple, 2, list) < 0) {
    Py_DECREF(tuple);
    return NULL;
  }
  return tuple;
}

// "N" steals, "O" borrows.
static PyObject *build_value(PyObject *self, PyObject *arg) {
  PyObject *a = PyLong_FromLong(PyLong_AsLong(arg) + 1000);
  if (a == NULL)
    return NULL;
  PyObject *b = PyUnicode_FromString("b");
  if (b == NULL) {
    Py_DECREF(a);
    return NULL;
  }
  PyObject *result = Py_BuildValue("(NO)", a, b);
  Py_DECREF(b);
  return result;
}

// PyModule_AddObject handled correctly on both outcomes.
static PyObject *add_object(PyObject *self, PyObject *args) {
  PyObject *target;
  long n;
  if (!PyArg_ParseTuple(args, "Ol", &target, &n))
    return NULL;
  PyObject *value = PyLong_FromLong(n + 1000);
  if (value == NULL)
    return NULL;
  if (PyModule_AddObject(target, "added", value) < 0) {
    Py_DECREF(value);
    return NULL;
  }
  Py_RETURN_NONE;
}

static PyObject *new_ref(PyObject *self, PyObject *arg) {
  PyObject *copy = Py_NewRef(arg);
  PyObject *tuple = PyTuple_Pack(2, copy, arg);
  Py_DECREF(copy);
  return tuple;
}

static PyObject *incref_return(PyObject *self, PyObject *arg) {
  Py_INCREF(arg);
  return arg;
}

// Helpers returning new references, used correctly.
static PyObject *make_list(long n) {
  PyObject *list = PyList_New(0);
  if (list == NULL)
    return NULL;
  for (long i = 0; i < n; ++i) {
    PyObject *item = PyLong_FromLong(i * 1000);
    if (item == NULL || PyList_Append(list, item) < 0) {
      Py_XDECREF(item);
      Py_DECREF(list);
      return NULL;
    }
    Py_DECREF(item);
  }
  return list;
}

static PyObject *shared_none(void) {
  Py_INCREF(Py_None);
  return Py_None;
}

static PyObject *use_helpers(PyObject *self, PyObject *arg) {
  PyObject *list = make_list(PyLong_AsLong(arg));
  if (list == NULL)
    return NULL;
  PyObject *none = shared_none();
  int rc = PyList_Append(list, none);
  Py_DECREF(none);
  if (rc < 0) {
    Py_DECREF(list);
    return NULL;
  }
  return list;
}

// A helper that takes its caller's reference, as the analysis infers.
static int append_consumed(PyObject *list, PyObject *item) {
  int rc = PyList_Append(list, item);
  Py_DECREF(item);
  return rc;
}

static PyObject *use_consumer(PyObject *self, PyObject *arg) {
  PyObject *list = PyList_New(0);
  if (list == NULL)
    return NULL;
  if (append_consumed(list, PyLong_FromLong(PyLong_AsLong(arg) + 9000)) < 0) {
    Py_DECREF(list);
    return NULL;
  }
  return list;
}

// A cleanup label reached by goto from inside a loop.
static PyObject *goto_cleanup(PyObject *self, PyObject *arg) {
  PyObject *result = NULL, *list = NULL, *item = NULL;
  long n = PyLong_AsLong(arg);
  list = PyList_New(0);
  if (list == NULL)
    goto done;
  for (long i = 0; i < 3; ++i) {
    item = PyLong_FromLong(n * 1000 + i);
    if (item == NULL)
      goto done;
    if (n < 0) {
      PyErr_SetString(PyExc_ValueError, "negative");
      goto done;
    }
    if (PyList_Append(list, item) < 0)
      goto done;
    Py_CLEAR(item);
  }
  result = list;
  list = NULL;
done:
  Py_XDECREF(item);
  Py_XDECREF(list);
  return result;
}

static PyObject *early_returns(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  PyObject *a = PyLong_FromLong(n + 5000);
  if (a == NULL)
    return NULL;
  if (n == 0)
    return a;
  PyObject *b = PyNumber_Add(a, a);
  Py_DECREF(a);
  if (n == 1 || b == NULL)
    return b;
  switch (n) {
  case 2: {
    PyObject *c = PyNumber_Add(b, b);
    Py_DECREF(b);
    return c;
  }
  default:
    break;
  }
  return b;
}

// References received through out-parameters are not followed, on either
// side.
static PyObject *fetch_restore(PyObject *self, PyObject *unused) {
  PyErr_SetString(PyExc_KeyError, "k");
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_Restore(type, value, traceback);
  PyErr_Clear();
  Py_RETURN_NONE;
}

static PyObject *append_text(PyObject *self, PyObject *arg) {
  PyObject *text = PyUnicode_FromString("<");
  if (text == NULL)
    return NULL;
  PyUnicode_Append(&text, arg);
  return text;
}

static PyObject *clear_and_setref(PyObject *self, PyObject *arg) {
  PyObject *a = PyLong_FromLong(PyLong_AsLong(arg) + 7000);
  PyObject *b = PyLong_FromLong(PyLong_AsLong(arg) + 8000);
  if (a == NULL || b == NULL) {
    Py_XDECREF(a);
    Py_XDECREF(b);
    return NULL;
  }
  Py_SETREF(a, PyNumber_Add(a, b));
  Py_CLEAR(b);
  return a;
}

static PyObject *borrowed_items(PyObject *self, PyObject *dict) {
  PyObject *key, *value, *keys = PyList_New(0);
  Py_ssize_t pos = 0;
  if (keys == NULL)
    return NULL;
  while (PyDict_Next(dict, &pos, &key, &value)) {
    Py_INCREF(key);
    int rc = PyList_Append(keys, key);
    Py_DECREF(key);
    if (rc < 0) {
      Py_DECREF(keys);
      return NULL;
    }
  }
  return keys;
}

static PyMethodDef methods[] = {
    {"store_field", store_field, METH_O, NULL},
    {"store_global", store_global, METH_O, NULL},
    {"store_slots", store_slots, METH_O, NULL},
    {"stored", stored, METH_NOARGS, NULL},
    {"out_param", out_param, METH_O, NULL},
    {"steal_all", steal_all, METH_O, NULL},
    {"build_value", build_value, METH_O, NULL},
    {"add_object", add_object, METH_VARARGS, NULL},
    {"new_ref", new_ref, METH_O, NULL},
    {"incref_return", incref_return, METH_O, NULL},
    {"use_helpers", use_helpers, METH_O, NULL},
    {"use_consumer", use_consumer, METH_O, NULL},
    {"goto_cleanup", goto_cleanup, METH_O, NULL},
    {"early_returns", early_returns, METH_O, NULL},
    {"fetch_restore", fetch_restore, METH_NOARGS, NULL},
    {"append_text", append_text, METH_O, NULL},
    {"clear_and_setref", clear_and_setref, METH_O, NULL},
    {"borrowed_items", borrowed_items, METH_O, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ledger_clean",
                                    NULL, -1, methods};

PyMODINIT_FUNC PyInit_ledger_clean(void) { return PyModule_Create(&module); }
