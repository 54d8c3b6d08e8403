/* A C extension instrumented by hand (instrument_mimic.h), one function per
 * ownership pattern the runtime must count. Lines marked SITE:<name> are
 * looked up by the tests. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>

#include "instrument_mimic.h"
#include "pyrefleak/interface.h"

/* The coverage.py leak: PyDict_SetItem does not steal its key. */
static PyObject *leak_ints(PyObject *self, PyObject *args) {
  PRL_FRAME;
  long start, count;
  if (!PyArg_ParseTuple(args, "ll", &start, &count))
    return NULL;
  PyObject *d = PRL_NEW("leak_ints", "PyDict_New", PyDict_New());
  if (!d)
    return NULL;
  for (long i = 0; i < count; i++) {
    if (PyDict_SetItem(d, PRL_NEW_S("leak_ints", "PyLong_FromLong", PyLong_FromLong(start + i)), Py_None) < 0) /* SITE:leak_ints */
      break;
  }
  return PRL_ESCAPE("leak_ints", d);
}

/* The same loop, correct. */
static PyObject *clean_ints(PyObject *self, PyObject *args) {
  PRL_FRAME;
  long start, count;
  if (!PyArg_ParseTuple(args, "ll", &start, &count))
    return NULL;
  PyObject *d = PRL_NEW("clean_ints", "PyDict_New", PyDict_New());
  if (!d)
    return NULL;
  for (long i = 0; i < count; i++) {
    PyObject *key = PRL_NEW("clean_ints", "PyLong_FromLong", PyLong_FromLong(start + i)); /* SITE:clean_ints */
    if (!key)
      break;
    int rc = PyDict_SetItem(d, key, Py_None);
    PRL_DECREF("clean_ints", key);
    if (rc < 0)
      break;
  }
  return PRL_ESCAPE("clean_ints", d);
}

/* An unmatched Py_INCREF of None. */
static PyObject *leak_none(PyObject *self, PyObject *arg) {
  PRL_FRAME;
  long count = PyLong_AsLong(arg);
  for (long i = 0; i < count; i++)
    PRL_INCREF("leak_none", Py_None); /* SITE:leak_none */
  Py_RETURN_NONE;
}

/* The list leaks on the error path only. */
static PyObject *error_path(PyObject *self, PyObject *arg) {
  PRL_FRAME;
  int fail = PyObject_IsTrue(arg);
  PyObject *list = PRL_NEW("error_path", "PyList_New", PyList_New(0)); /* SITE:error_path */
  if (!list)
    return NULL;
  PyObject *item = PRL_NEW("error_path", "PyLong_FromLong", PyLong_FromLong(1000));
  if (!item) {
    PRL_DECREF("error_path", list);
    return NULL;
  }
  if (fail) {
    PRL_DECREF("error_path", item);
    PyErr_SetString(PyExc_ValueError, "failing on purpose");
    return NULL;
  }
  int rc = PyList_Append(list, item);
  PRL_DECREF("error_path", item);
  if (rc < 0) {
    PRL_DECREF("error_path", list);
    return NULL;
  }
  return PRL_ESCAPE("error_path", list);
}

/* References stored into a global and a struct field escape: no leak. */
static PyObject *stored_global;
static struct {
  PyObject *value;
} stored_struct;

static PyObject *store(PyObject *self, PyObject *arg) {
  PRL_FRAME;
  long n = PyLong_AsLong(arg);
  PyObject *g = PRL_NEW("store", "PyLong_FromLong", PyLong_FromLong(100000 + n));
  if (!g)
    return NULL;
  PyObject *f = PRL_NEW("store", "PyUnicode_FromFormat", PyUnicode_FromFormat("value %ld", n));
  if (!f) {
    PRL_DECREF("store", g);
    return NULL;
  }
  PyObject *old_g = stored_global, *old_f = stored_struct.value;
  stored_global = PRL_ESCAPE("store", g);
  stored_struct.value = PRL_ESCAPE("store", f);
  /* Owned by no frame: the release finds nothing to discharge. */
  if (old_g)
    PRL_DECREF("store", old_g);
  if (old_f)
    PRL_DECREF("store", old_f);
  Py_RETURN_NONE;
}

/* Every item is stolen by PyList_SET_ITEM; the list is returned. */
static PyObject *steal_items(PyObject *self, PyObject *arg) {
  PRL_FRAME;
  Py_ssize_t n = PyLong_AsSsize_t(arg);
  PyObject *list = PRL_NEW("steal_items", "PyList_New", PyList_New(n));
  if (!list)
    return NULL;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject *item = PRL_NEW("steal_items", "PyLong_FromSsize_t", PyLong_FromSsize_t(i * 1000));
    if (!item) {
      PRL_DECREF("steal_items", list);
      return NULL;
    }
    PyList_SET_ITEM(list, i, PRL_STEAL("steal_items", "PyList_SET_ITEM", item));
  }
  return PRL_ESCAPE("steal_items", list);
}

/* PyModule_AddObject steals only on success. The failure path forgets the
 * Py_DECREF the documentation asks for, so it leaks. */
static PyObject *add_object(PyObject *self, PyObject *args) {
  PRL_FRAME;
  PyObject *module;
  long value;
  if (!PyArg_ParseTuple(args, "Ol", &module, &value))
    return NULL;
  PyObject *v = PRL_NEW("add_object", "PyLong_FromLong", PyLong_FromLong(value)); /* SITE:add_object */
  if (!v)
    return NULL;
  if (PRL_SETTLE_STATUS(PyModule_AddObject(module, "added", PRL_STEAL_PENDING("add_object", "PyModule_AddObject", v))) < 0)
    return NULL;
  Py_RETURN_NONE;
}

/* A callee that steals its argument when it returns non-NULL. */
static PyObject *pack_or_fail(PyObject *item, int fail) {
  if (fail)
    return NULL;
  PyObject *t = PyTuple_New(1);
  if (!t)
    return NULL;
  PyTuple_SET_ITEM(t, 0, item);
  return t;
}

static PyObject *settle_object(PyObject *self, PyObject *args) {
  PRL_FRAME;
  int fail;
  if (!PyArg_ParseTuple(args, "p", &fail))
    return NULL;
  PyObject *v = PRL_NEW("settle_object", "PyFloat_FromDouble", PyFloat_FromDouble(2.5)); /* SITE:settle_object */
  if (!v)
    return NULL;
  PyObject *t = PRL_NEW("settle_object", "pack_or_fail", PRL_SETTLE_OBJECT(pack_or_fail(PRL_STEAL_PENDING("settle_object", "pack_or_fail", v), fail)));
  if (!t)
    Py_RETURN_NONE; /* v leaks here */
  return PRL_ESCAPE("settle_object", t);
}

/* Obligations belong to frames: a callee releasing the caller's reference
 * does not discharge the caller's obligation (the caller should have
 * marked the call as a steal). */
static void release_in_callee(PyObject *obj) {
  PRL_FRAME;
  PRL_DECREF("release_in_callee", obj);
}

static PyObject *caller_owned(PyObject *self, PyObject *noargs) {
  PRL_FRAME;
  PyObject *obj = PRL_NEW("caller_owned", "PyList_New", PyList_New(0)); /* SITE:caller_owned */
  if (!obj)
    return NULL;
  release_in_callee(obj);
  Py_RETURN_NONE;
}

/* Two obligations for one object: a release discharges the newest. */
static PyObject *lifo(PyObject *self, PyObject *noargs) {
  PRL_FRAME;
  PRL_INCREF("lifo", Py_Ellipsis); /* SITE:lifo_first */
  PRL_INCREF("lifo", Py_Ellipsis); /* SITE:lifo_second */
  PRL_DECREF("lifo", Py_Ellipsis);
  Py_RETURN_NONE;
}

/* Recursion: each level owns, and releases, its own reference. */
static long recurse_depth(long n) {
  PRL_FRAME;
  if (n == 0)
    return 0;
  PyObject *o = PRL_NEW("recurse_depth", "PyLong_FromLong", PyLong_FromLong(n + 1000)); /* SITE:recurse */
  if (!o)
    return -1;
  long r = recurse_depth(n - 1);
  if (n % 2) /* odd levels leak */
    return r + 1;
  PRL_DECREF("recurse_depth", o);
  return r;
}

static PyObject *recurse(PyObject *self, PyObject *arg) {
  PRL_FRAME;
  return PyLong_FromLong(recurse_depth(PyLong_AsLong(arg)));
}

/* Many references held at once, released oldest first (the worst order
 * for a stack); every `leak_every`-th one is forgotten. */
static PyObject *hold_many(PyObject *self, PyObject *args) {
  PRL_FRAME;
  Py_ssize_t n, leak_every;
  if (!PyArg_ParseTuple(args, "nn", &n, &leak_every))
    return NULL;
  PyObject **held = PyMem_Malloc(sizeof(PyObject *) * (size_t)(n ? n : 1));
  if (!held)
    return PyErr_NoMemory();
  for (Py_ssize_t i = 0; i < n; i++)
    held[i] = PRL_NEW("hold_many", "PyFloat_FromDouble", PyFloat_FromDouble((double)i)); /* SITE:hold_many */
  for (Py_ssize_t i = 0; i < n; i++)
    if (leak_every == 0 || i % leak_every != 0)
      PRL_DECREF("hold_many", held[i]);
  PyMem_Free(held);
  Py_RETURN_NONE;
}

/* A loop that holds a window of two references (`prev`, `cur`), releasing
 * each one after its successor exists. Returns the most heap the ledger
 * held during the loop. */
static PyObject *sliding_window(PyObject *self, PyObject *arg) {
  PRL_FRAME;
  long n = PyLong_AsLong(arg);
  size_t peak = 0;
  PyObject *cur = PRL_NEW("sliding_window", "PyFloat_FromDouble", PyFloat_FromDouble(0.0));
  if (!cur)
    return NULL;
  for (long i = 1; i < n; i++) {
    PyObject *prev = cur;
    cur = PRL_NEW("sliding_window", "PyFloat_FromDouble", PyFloat_FromDouble((double)i));
    if (!cur)
      return NULL;
    PRL_DECREF("sliding_window", prev);
    size_t held = __pyrefleak_allocated_bytes();
    if (held > peak)
      peak = held;
  }
  PRL_DECREF("sliding_window", cur);
  return PyLong_FromSize_t(peak);
}

/* One leak of each kind of object the classifier tells apart. */
static PyObject *leak_kinds(PyObject *self, PyObject *noargs) {
  PRL_FRAME;
  (void)PRL_NEW("leak_kinds", "PyLong_FromLong", PyLong_FromLong(256));   /* cached int */
  (void)PRL_NEW("leak_kinds", "PyLong_FromLong", PyLong_FromLong(-5));    /* cached int */
  (void)PRL_NEW("leak_kinds", "PyLong_FromLong", PyLong_FromLong(257));   /* heap int */
  (void)PRL_NEW("leak_kinds", "PyLong_FromLong", PyLong_FromLong(-6));    /* heap int */
  (void)PRL_NEW("leak_kinds", "PyBool_FromLong", PyBool_FromLong(1));     /* cached */
  (void)PRL_NEW("leak_kinds", "PyTuple_New", PyTuple_New(0));             /* cached */
  (void)PRL_NEW("leak_kinds", "PyTuple_New", PyTuple_New(2));             /* heap */
  (void)PRL_NEW("leak_kinds", "PyUnicode_FromString", PyUnicode_FromString(""));       /* cached */
  (void)PRL_NEW("leak_kinds", "PyUnicode_FromString", PyUnicode_FromString("a"));      /* cached */
  (void)PRL_NEW("leak_kinds", "PyUnicode_FromString", PyUnicode_FromString("\xc3\xa9")); /* U+E9, cached */
  (void)PRL_NEW("leak_kinds", "PyUnicode_FromString", PyUnicode_FromString("\xe2\x82\xac")); /* U+20AC, heap */
  (void)PRL_NEW("leak_kinds", "PyUnicode_FromString", PyUnicode_FromString("ab"));     /* heap */
  (void)PRL_NEW("leak_kinds", "PyBytes_FromStringAndSize", PyBytes_FromStringAndSize("x", 1)); /* cached */
  (void)PRL_NEW("leak_kinds", "PyBytes_FromStringAndSize", PyBytes_FromStringAndSize("xyz", 3)); /* heap */
  (void)PRL_NEW("leak_kinds", "PyFloat_FromDouble", PyFloat_FromDouble(1.0)); /* heap */
  PRL_INCREF("leak_kinds", Py_NotImplemented);                       /* cached */
  Py_RETURN_NONE;
}

/* Leaks `count` references to `obj`, for heap-size and type tests. */
static PyObject *leak_object(PyObject *self, PyObject *args) {
  PRL_FRAME;
  PyObject *obj;
  long count;
  if (!PyArg_ParseTuple(args, "Ol", &obj, &count))
    return NULL;
  for (long i = 0; i < count; i++)
    PRL_INCREF("leak_object", obj); /* SITE:leak_object */
  Py_RETURN_NONE;
}

/* Leaks `leaks` of `count` ints with the GIL released in between, so that
 * Python threads interleave inside the frame. */
static PyObject *leak_with_gil_released(PyObject *self, PyObject *args) {
  PRL_FRAME;
  long count, leaks;
  if (!PyArg_ParseTuple(args, "ll", &count, &leaks))
    return NULL;
  for (long i = 0; i < count; i++) {
    PyObject *o = PRL_NEW("leak_with_gil_released", "PyLong_FromLong", PyLong_FromLong(i + 5000)); /* SITE:gil_released */
    if (!o)
      return NULL;
    Py_BEGIN_ALLOW_THREADS
    sched_yield();
    Py_END_ALLOW_THREADS
    if (i >= leaks)
      PRL_DECREF("leak_with_gil_released", o);
  }
  Py_RETURN_NONE;
}

/* Native threads, without the GIL, each running `iterations` instrumented
 * calls that open two obligations for `obj` and discharge one. No
 * reference count changes: only the ledger is exercised. */
struct thread_job {
  PyObject *obj;
  long iterations;
};

static void native_iteration(PyObject *obj) {
  PRL_FRAME;
  __pyrefleak_acquire(obj, PRL_SITE("-", "native_iteration", "Py_NewRef"), 0); /* SITE:native */
  __pyrefleak_acquire(obj, PRL_SITE("-", "native_iteration", "Py_NewRef"), 0);
  __pyrefleak_release(obj, PRL_SITE("-", "native_iteration", "Py_DECREF"), 0);
}

static void *native_thread(void *arg) {
  struct thread_job *job = arg;
  for (long i = 0; i < job->iterations; i++)
    native_iteration(job->obj);
  return NULL;
}

static PyObject *native_threads(PyObject *self, PyObject *args) {
  PRL_FRAME;
  PyObject *obj;
  int nthreads;
  long iterations;
  if (!PyArg_ParseTuple(args, "Oil", &obj, &nthreads, &iterations))
    return NULL;
  pthread_t threads[64];
  struct thread_job job = {obj, iterations};
  if (nthreads > 64)
    nthreads = 64;
  int started = 0;
  Py_BEGIN_ALLOW_THREADS
  for (; started < nthreads; started++)
    if (pthread_create(&threads[started], NULL, native_thread, &job))
      break;
  for (int i = 0; i < started; i++)
    pthread_join(threads[i], NULL);
  Py_END_ALLOW_THREADS
  return PyLong_FromLong(started);
}

static PyMethodDef methods[] = {
    {"leak_ints", leak_ints, METH_VARARGS, NULL},
    {"clean_ints", clean_ints, METH_VARARGS, NULL},
    {"leak_none", leak_none, METH_O, NULL},
    {"error_path", error_path, METH_O, NULL},
    {"store", store, METH_O, NULL},
    {"steal_items", steal_items, METH_O, NULL},
    {"add_object", add_object, METH_VARARGS, NULL},
    {"settle_object", settle_object, METH_VARARGS, NULL},
    {"caller_owned", caller_owned, METH_NOARGS, NULL},
    {"lifo", lifo, METH_NOARGS, NULL},
    {"recurse", recurse, METH_O, NULL},
    {"hold_many", hold_many, METH_VARARGS, NULL},
    {"sliding_window", sliding_window, METH_O, NULL},
    {"leak_kinds", leak_kinds, METH_NOARGS, NULL},
    {"leak_object", leak_object, METH_VARARGS, NULL},
    {"leak_with_gil_released", leak_with_gil_released, METH_VARARGS, NULL},
    {"native_threads", native_threads, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "rtmod", NULL, -1,
                                    methods};

PyMODINIT_FUNC PyInit_rtmod(void) {
  PRL_FRAME;
  return PRL_ESCAPE("PyInit_rtmod", PRL_NEW("PyInit_rtmod", "PyModule_Create", PyModule_Create(&module)));
}
