// A function CPython calls returns its error value (NULL, or -1 from an int
// slot) on a path where nothing set an exception.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *doubled(PyObject *self, PyObject *key) {
  if (!PyUnicode_Check(key)) // expected-note {{taking the true branch}}
    return NULL;             // expected-warning {{'doubled' returns NULL to Python without setting an exception [pyrefleak-missing-exception]}}
  return PyUnicode_Concat(key, key);
}

static PyObject *doubled_fixed(PyObject *self, PyObject *key) {
  if (!PyUnicode_Check(key)) {
    PyErr_SetString(PyExc_TypeError, "key must be str");
    return NULL; // no-warning
  }
  return PyUnicode_Concat(key, key);
}

// A failed call set the exception.
static PyObject *parse_pair(PyObject *self, PyObject *args) {
  long a, b;
  if (!PyArg_ParseTuple(args, "ll", &a, &b))
    return NULL; // no-warning
  PyObject *sum = PyLong_FromLong(a + b);
  if (sum == NULL)
    return NULL; // no-warning
  return sum;
}

// PyErr_Occurred() says whether one is set.
static PyObject *as_index(PyObject *self, PyObject *arg) {
  Py_ssize_t n = PyNumber_AsSsize_t(arg, NULL);
  if (n == -1 && PyErr_Occurred())
    return NULL; // no-warning
  return PyLong_FromSsize_t(n + 1);
}

// A function the analysis does not know may have set one: silent.
extern int validate(PyObject *obj);
static PyObject *checked(PyObject *self, PyObject *arg) {
  if (!validate(arg))
    return NULL; // no-warning
  return Py_NewRef(arg);
}

// A static helper that raises when it fails, and one that does not.
static int check_positive(long v) {
  if (v < 0) {
    PyErr_SetString(PyExc_ValueError, "negative");
    return -1;
  }
  return 0;
}

static int is_small(long v) {
  if (v > 100)
    return -1;
  return 0;
}

static PyObject *positive(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred()) // expected-note {{taking the false branch}}
    return NULL;
  if (check_positive(v) < 0) // expected-note {{taking the false branch}}
    return NULL; // no-warning
  if (is_small(v) < 0) // expected-note {{taking the true branch}}
    return NULL;       // expected-warning {{'positive' returns NULL to Python without setting an exception}}
  return PyLong_FromLong(v);
}

// An int slot: tp_init returns -1 on error.
typedef struct {
  PyObject_HEAD
  long size;
} Box;

static int Box_init(Box *self, PyObject *args, PyObject *kwds) {
  if (!PyArg_ParseTuple(args, "l", &self->size)) // expected-note {{taking the false branch}}
    return -1; // no-warning
  if (self->size < 0) // expected-note {{taking the true branch}}
    return -1;        // expected-warning {{'Box_init' returns -1 to Python without setting an exception}}
  return 0;
}

// tp_iternext may return NULL without an exception: the iterator is done.
typedef struct {
  PyObject_HEAD
  long i, n;
} Range;

static PyObject *Range_next(Range *self) {
  if (self->i >= self->n)
    return NULL; // no-warning
  return PyLong_FromLong(self->i++);
}

// The same through a PyType_Slot array (Py_tp_iternext), next to a slot
// that must set one.
static PyObject *Range_next2(Range *self) {
  if (self->i >= self->n)
    return NULL; // no-warning
  return PyLong_FromLong(self->i++);
}

static PyObject *Range_repr(Range *self) {
  if (self->n < 0) // expected-note {{taking the true branch}}
    return NULL;   // expected-warning {{'Range_repr' returns NULL to Python without setting an exception}}
  return PyUnicode_FromFormat("Range(%ld)", self->n);
}

static PyType_Slot range_slots[] = {
    {Py_tp_iternext, Range_next2},
    {Py_tp_repr, Range_repr},
    {0, NULL},
};

static PyTypeObject RangeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "demo.Range",
    .tp_basicsize = sizeof(Range),
    .tp_iternext = (iternextfunc)Range_next,
};

// Multi-phase initialisation returns the module definition itself.
static struct PyModuleDef demo_module = {PyModuleDef_HEAD_INIT, "demo"};

PyMODINIT_FUNC PyInit_demo(void) {
  return PyModuleDef_Init(&demo_module); // no-warning
}

// A helper that cannot fail but keeps an error-code signature: the
// caller's error branch is dead, whatever its test.
static int validate_nothing(PyObject *arg) {
  (void)arg;
  return 0;
}

static PyObject *checked_by_noop(PyObject *self, PyObject *arg) {
  if (validate_nothing(arg))
    return NULL; // no-warning
  if (validate_nothing(arg) < 0)
    return NULL; // no-warning
  Py_RETURN_NONE;
}

// A helper that may return 1 without an exception is no such proof.
static int is_empty_tuple(PyObject *arg) {
  if (PyTuple_Check(arg) && PyTuple_GET_SIZE(arg) == 0)
    return 1;
  return 0;
}

static PyObject *checked_by_predicate(PyObject *self, PyObject *arg) {
  if (is_empty_tuple(arg)) // expected-note {{taking the true branch}}
    return NULL;           // expected-warning {{'checked_by_predicate' returns NULL to Python without setting an exception [pyrefleak-missing-exception]}}
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"doubled", doubled, METH_O, NULL},
    {"doubled_fixed", doubled_fixed, METH_O, NULL},
    {"parse_pair", parse_pair, METH_VARARGS, NULL},
    {"as_index", as_index, METH_O, NULL},
    {"checked", checked, METH_O, NULL},
    {"positive", positive, METH_O, NULL},
    {"checked_by_noop", checked_by_noop, METH_O, NULL},
    {"checked_by_predicate", checked_by_predicate, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject BoxType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "demo.Box",
    .tp_basicsize = sizeof(Box),
    .tp_init = (initproc)Box_init,
};

void *keep[] = {methods, &BoxType, &RangeType, range_slots};
