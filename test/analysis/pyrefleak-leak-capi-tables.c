// Calls through function-pointer fields of C-API tables get the rules of
// those fields ("Table.field"): datetime's PyDateTime_CAPI behind its
// capsule (the PyDate_FromDate macros), a library's own exported table
// found by its typedef name or its tag, and a function-pointer typedef.
// RUN: %clang_verify -fplugin-arg-pyrefleak-rules=%S/Inputs/capi-tables-rules.yaml %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <datetime.h>

typedef PyObject *(*shape_lookup_fn)(PyObject *registry, long sides);

typedef struct ShapeAPI {
  int version;
  PyObject *(*make_point)(long x, long y);
  int (*add_point)(PyObject *registry, PyObject *point);
  shape_lookup_fn lookup;
} ShapeAPI;

struct ShapeAPI *shapes; // filled from PyCapsule_Import

PyObject *first_of_year(int year) {
  PyObject *date = PyDate_FromDate(year, 1, 1); // expected-note {{new reference 'date' created by 'PyDate_FromDate' here}}
  if (date == NULL) // expected-note {{taking the false branch}}
    return NULL;
  Py_RETURN_NONE; // expected-warning {{owned reference 'date' from 'PyDate_FromDate' is never released [pyrefleak-leak]}}
}

PyObject *delta_days(int days) {
  return PyDelta_FromDSU(days, 0, 0);
}

int print_point(long x) {
  PyObject *point = shapes->make_point(x, 0); // expected-note {{new reference 'point' created by 'ShapeAPI.make_point' here}}
  if (!point) // expected-note {{taking the false branch}}
    return -1;
  return PyObject_Print(point, stdout, 0); // expected-warning {{owned reference 'point' from 'ShapeAPI.make_point' is never released [pyrefleak-leak]}}
}

int register_point(PyObject *registry, long x) {
  PyObject *point = (*shapes).make_point(x, 0);
  if (!point)
    return -1;
  return shapes->add_point(registry, point);
}

int print_lookup(PyObject *registry) {
  PyObject *shape = shapes->lookup(registry, 3); // expected-note {{'shape' is borrowed from 'shape_lookup_fn' here}}
  if (!shape) // expected-note {{taking the false branch}}
    return -1;
  int status = PyObject_Print(shape, stdout, 0);
  Py_DECREF(shape); // expected-warning {{releasing borrowed reference 'shape' from 'shape_lookup_fn' [pyrefleak-over-release]}}
  return status;
}

// An unnamed table with no rule: unknown, silent.
struct {
  PyObject *(*make)(void);
} *anonymous_table;

int print_made(void) {
  PyObject *made = anonymous_table->make();
  if (!made)
    return -1;
  return PyObject_Print(made, stdout, 0);
}
