// The idioms correct extensions use: not one diagnostic.
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>

typedef struct {
  PyObject_HEAD
  PyObject *cache;
  PyObject *name;
} Cached;

// goto-based cleanup with Py_XDECREF.
static PyObject *make_record(PyObject *self, PyObject *args) {
  PyObject *name = NULL, *size = NULL, *result = NULL;
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "sn", &s, &n))
    return NULL;
  name = PyUnicode_FromString(s);
  if (name == NULL)
    goto error;
  size = PyLong_FromSsize_t(n);
  if (size == NULL)
    goto error;
  result = PyDict_New();
  if (result == NULL)
    goto error;
  if (PyDict_SetItemString(result, "name", name) < 0)
    goto error;
  if (PyDict_SetItemString(result, "size", size) < 0)
    goto error;
  Py_DECREF(name);
  Py_DECREF(size);
  return result;
error:
  Py_XDECREF(name);
  Py_XDECREF(size);
  Py_XDECREF(result);
  return NULL;
}

// Py_RETURN_NONE, Py_NewRef, Py_INCREF of a borrowed "O" output.
static PyObject *choose(PyObject *self, PyObject *args) {
  PyObject *a, *b;
  int which;
  if (!PyArg_ParseTuple(args, "OOp", &a, &b, &which))
    return NULL;
  if (a == Py_None)
    Py_RETURN_NONE;
  if (which) {
    Py_INCREF(a);
    return a;
  }
  return Py_NewRef(b);
}

// Stores into fields with Py_XSETREF; Py_CLEAR in tp_clear.
static int Cached_init(Cached *self, PyObject *args, PyObject *kwds) {
  PyObject *name = NULL;
  if (!PyArg_ParseTuple(args, "U", &name))
    return -1;
  PyObject *cache = PyDict_New();
  if (cache == NULL)
    return -1;
  Py_XSETREF(self->cache, cache);
  Py_INCREF(name);
  Py_XSETREF(self->name, name);
  return 0;
}

static int Cached_clear(Cached *self) {
  Py_CLEAR(self->cache);
  Py_CLEAR(self->name);
  return 0;
}

static void Cached_dealloc(Cached *self) {
  PyObject_GC_UnTrack(self);
  Cached_clear(self);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Cached_traverse(Cached *self, visitproc visit, void *arg) {
  Py_VISIT(self->cache);
  Py_VISIT(self->name);
  return 0;
}

// A getter returning a new reference to a field.
static PyObject *Cached_get_name(Cached *self, void *closure) {
  if (self->name == NULL) {
    PyErr_SetString(PyExc_AttributeError, "name");
    return NULL;
  }
  return Py_NewRef(self->name);
}

// Module state in a global.
static PyObject *DemoError;

static int init_error(PyObject *module) {
  DemoError = PyErr_NewException("demo.Error", NULL, NULL);
  if (DemoError == NULL)
    return -1;
  if (PyModule_AddObjectRef(module, "Error", DemoError) < 0)
    return -1;
  return 0;
}

// PyModule_AddObject, released when it fails.
static int add_version(PyObject *module) {
  PyObject *v = PyUnicode_FromString("1.0");
  if (v == NULL)
    return -1;
  if (PyModule_AddObject(module, "version", v) < 0) {
    Py_DECREF(v);
    return -1;
  }
  return 0;
}

// PyIter_Next loop, each item released.
static Py_ssize_t count_true(PyObject *iterable) {
  PyObject *it = PyObject_GetIter(iterable);
  if (it == NULL)
    return -1;
  Py_ssize_t n = 0;
  PyObject *item;
  while ((item = PyIter_Next(it)) != NULL) {
    int t = PyObject_IsTrue(item);
    Py_DECREF(item);
    if (t < 0) {
      Py_DECREF(it);
      return -1;
    }
    n += t;
  }
  Py_DECREF(it);
  return PyErr_Occurred() ? -1 : n;
}

// PyDict_Next yields borrowed references.
static Py_ssize_t count_str_keys(PyObject *dict) {
  Py_ssize_t pos = 0, n = 0;
  PyObject *key, *value;
  while (PyDict_Next(dict, &pos, &key, &value)) {
    if (PyUnicode_Check(key))
      n++;
  }
  return n;
}

// Conditional ownership.
static PyObject *maybe_int(PyObject *self, PyObject *arg) {
  int truth = PyObject_IsTrue(arg);
  if (truth < 0)
    return NULL;
  PyObject *r = truth ? PyLong_FromLong(1) : Py_NewRef(Py_None);
  if (r == NULL)
    return NULL;
  PyObject *s = PyObject_Repr(r);
  Py_DECREF(r);
  return s;
}

// Py_SETREF replacing an owned reference in a loop.
static PyObject *longest_repr(PyObject *self, PyObject *seq) {
  PyObject *best = PyUnicode_FromString("");
  if (best == NULL)
    return NULL;
  Py_ssize_t n = PySequence_Size(seq);
  if (n < 0)
    goto error;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *item = PySequence_GetItem(seq, i);
    if (item == NULL)
      goto error;
    PyObject *r = PyObject_Repr(item);
    Py_DECREF(item);
    if (r == NULL)
      goto error;
    if (PyUnicode_GetLength(r) > PyUnicode_GetLength(best))
      Py_SETREF(best, r);
    else
      Py_DECREF(r);
  }
  return best;
error:
  Py_DECREF(best);
  return NULL;
}

// PyErr_Fetch / PyErr_Restore around a call.
static void report_and_keep(PyObject *ctx) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyObject *r = PyObject_Repr(ctx);
  Py_XDECREF(r);
  PyErr_Restore(type, value, tb);
}

// Building a tuple with stealing setters; "N" steals too.
static PyObject *squares(PyObject *self, PyObject *arg) {
  Py_ssize_t n = PyLong_AsSsize_t(arg);
  if (n < 0)
    return PyErr_Occurred() ? NULL : PyTuple_New(0);
  PyObject *t = PyTuple_New(n);
  if (t == NULL)
    return NULL;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *v = PyLong_FromSsize_t(i * i);
    if (v == NULL) {
      Py_DECREF(t);
      return NULL;
    }
    PyTuple_SET_ITEM(t, i, v);
  }
  return Py_BuildValue("(nN)", n, t);
}

// A function that never returns ends the path.
static PyObject *must_have(PyObject *self, PyObject *arg) {
  PyObject *s = PyObject_Str(arg);
  if (s == NULL)
    Py_FatalError("no str");
  if (PyUnicode_GET_LENGTH(s) == 0)
    abort();
  return s;
}

// Ownership through a switch, with break and continue.
static PyObject *classify(PyObject *self, PyObject *seq) {
  PyObject *out = PyList_New(0);
  if (out == NULL)
    return NULL;
  Py_ssize_t n = PySequence_Size(seq);
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *item = PySequence_GetItem(seq, i);
    if (item == NULL) {
      Py_DECREF(out);
      return NULL;
    }
    switch (PyObject_IsTrue(item)) {
    case -1:
      Py_DECREF(item);
      Py_DECREF(out);
      return NULL;
    case 0:
      Py_DECREF(item);
      continue;
    default:
      break;
    }
    int rc = PyList_Append(out, item);
    Py_DECREF(item);
    if (rc < 0) {
      Py_DECREF(out);
      return NULL;
    }
  }
  return out;
}

// A statement expression from a macro.
#define NEW_INT(v) ({ PyObject *_t = PyLong_FromLong(v); _t; })
static PyObject *seven(PyObject *self, PyObject *unused) {
  PyObject *x = NEW_INT(7);
  return x;
}

// A condition inside __builtin_expect (Cython's unlikely()).
#define unlikely(x) __builtin_expect(!!(x), 0)
static int Cached_set_name(Cached *self, PyObject *value, void *closure) {
  if (unlikely(value == NULL || !PyUnicode_Check(value))) {
    PyErr_SetString(PyExc_TypeError, "name must be a str");
    return -1;
  }
  PyObject *tmp = self->name;
  Py_INCREF(value);
  self->name = value;
  Py_XDECREF(tmp);
  return 0;
}

// A helper that hands its argument back as it came.
static PyObject *checked_result(PyObject *result) {
  if (result == NULL && !PyErr_Occurred())
    PyErr_SetNone(PyExc_StopIteration);
  return result;
}

static PyObject *call_checked(PyObject *self, PyObject *func) {
  PyObject *r = PyObject_CallNoArgs(func);
  return checked_result(r);
}

// PyErr_Fetch's outputs are all NULL when no exception was set.
static PyObject *fetch_if_set(PyObject *self, PyObject *arg) {
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyObject *r = PyObject_Repr(arg);
  if (type)
    PyErr_Restore(type, value, traceback);
  return r;
}

// Storing Py_None, then taking the reference the field needs.
static int Cached_reset(Cached *self) {
  PyObject *tmp = self->name;
  self->name = Py_None;
  Py_INCREF(Py_None);
  Py_XDECREF(tmp);
  return 0;
}

// A field dereferenced by Py_INCREF is not NULL afterwards.
static PyObject *field_value(PyObject *self, PyObject *exc) {
  PyObject *value = ((PyStopIterationObject *)exc)->value;
  Py_INCREF(value);
  if (value == NULL)
    return NULL;
  return value;
}

static PyMethodDef methods[] = {
    {"make_record", make_record, METH_VARARGS, NULL},
    {"choose", choose, METH_VARARGS, NULL},
    {"maybe_int", maybe_int, METH_O, NULL},
    {"longest_repr", longest_repr, METH_O, NULL},
    {"squares", squares, METH_O, NULL},
    {"must_have", must_have, METH_O, NULL},
    {"classify", classify, METH_O, NULL},
    {"seven", seven, METH_NOARGS, NULL},
    {"call_checked", call_checked, METH_O, NULL},
    {"fetch_if_set", fetch_if_set, METH_O, NULL},
    {"field_value", field_value, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Cached_getset[] = {
    {"name", (getter)Cached_get_name, (setter)Cached_set_name, NULL, NULL},
    {NULL},
};

static PyTypeObject CachedType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "demo.Cached",
    .tp_basicsize = sizeof(Cached),
    .tp_dealloc = (destructor)Cached_dealloc,
    .tp_traverse = (traverseproc)Cached_traverse,
    .tp_clear = (inquiry)Cached_clear,
    .tp_init = (initproc)Cached_init,
    .tp_getset = Cached_getset,
};

void *keep[] = {methods, &CachedType, Cached_reset, init_error, add_version,
                count_true, count_str_keys, report_and_keep};
