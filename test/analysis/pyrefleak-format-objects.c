// 'O!' takes a type object and an address; 'O&' a converter function and
// the address (parse) or value (build) it converts.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject_HEAD
  double x, y;
} PointObject;

static int to_double(PyObject *o, void *address) {
  double d = PyFloat_AsDouble(o);
  if (d == -1.0 && PyErr_Occurred())
    return 0;
  *(double *)address = d;
  return 1;
}

static PyObject *from_point(void *p) {
  PointObject *point = p;
  return Py_BuildValue("(dd)", point->x, point->y);
}

PyObject *typed_objects(PyObject *args, PyTypeObject *point_type) {
  PyObject *list, *dict;
  PointObject *point;
  PyObject *type_as_object = (PyObject *)point_type;
  if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &list, // no-warning
                        type_as_object, &dict, point_type, &point))
    return NULL;
  Py_RETURN_NONE;
}

PyObject *type_and_address_swapped(PyObject *args) {
  PyObject *list;
  if (!PyArg_ParseTuple(args, "O!", &list, &PyList_Type)) // expected-warning {{format unit 'O!' of 'PyArg_ParseTuple' expects 'PyTypeObject *' for argument 3, but 'PyObject **' is given [pyrefleak-format]}} expected-warning {{format unit 'O!' of 'PyArg_ParseTuple' expects 'PyObject **' for argument 4, but 'PyTypeObject *' is given [pyrefleak-format]}}
    return NULL;
  Py_RETURN_NONE;
}

PyObject *type_is_not_an_object_type(PyObject *args, PyListObject *not_a_type) {
  PyObject *list;
  if (!PyArg_ParseTuple(args, "O!", not_a_type, &list)) // expected-warning {{format unit 'O!' of 'PyArg_ParseTuple' expects 'PyTypeObject *' for argument 3, but 'PyListObject *' is given}}
    return NULL;
  Py_RETURN_NONE;
}

PyObject *converters(PyObject *args) {
  double d;
  PyObject *path = NULL;
  if (!PyArg_ParseTuple(args, "O&O&", to_double, &d, PyUnicode_FSConverter, // no-warning
                        &path))
    return NULL;
  Py_XDECREF(path);
  return PyFloat_FromDouble(d);
}

PyObject *converter_not_a_function(PyObject *args, int flags) {
  double d;
  if (!PyArg_ParseTuple(args, "O&", flags, &d)) // expected-warning {{format unit 'O&' of 'PyArg_ParseTuple' expects 'converter' for argument 3, but 'int' is given}}
    return NULL;
  return PyFloat_FromDouble(d);
}

PyObject *converter_argument_not_an_address(PyObject *args, double d) {
  if (!PyArg_ParseTuple(args, "O&", to_double, d)) // expected-warning {{format unit 'O&' of 'PyArg_ParseTuple' expects 'void *' for argument 4, but 'double' is given}}
    return NULL;
  return PyFloat_FromDouble(d);
}

PyObject *build_converter(PointObject *point) {
  return Py_BuildValue("O&", from_point, point); // no-warning
}

PyObject *build_converter_missing(PointObject *point) {
  return Py_BuildValue("O&", point); // expected-warning {{'Py_BuildValue' format "O&" needs 2 arguments but 1 is given}}
}
