// Parse formats take addresses; each must point to the C type of its unit.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject_HEAD
  int value;
} CounterObject;

enum mode { MODE_READ, MODE_WRITE };

PyObject *long_into_int(PyObject *args) {
  int factor;
  long value;
  if (!PyArg_ParseTuple(args, "ll", &factor, &value)) // expected-warning {{format unit 'l' of 'PyArg_ParseTuple' expects 'long *' for argument 3, but 'int *' is given [pyrefleak-format]}}
    return NULL;
  return PyLong_FromLong(value * factor);
}

PyObject *string_into_int(PyObject *args) {
  int name;
  if (!PyArg_ParseTuple(args, "s", &name)) // expected-warning {{format unit 's' of 'PyArg_ParseTuple' expects 'const char **' for argument 3, but 'int *' is given [pyrefleak-format]}}
    return NULL;
  Py_RETURN_NONE;
}

PyObject *object_without_address(PyObject *args) {
  PyObject *o = NULL;
  if (!PyArg_ParseTuple(args, "O", o)) // expected-warning {{format unit 'O' of 'PyArg_ParseTuple' expects 'PyObject **' for argument 3, but 'PyObject *' is given [pyrefleak-format]}}
    return NULL;
  Py_RETURN_NONE;
}

PyObject *float_into_double(PyObject *args) {
  double d;
  if (!PyArg_ParseTuple(args, "f", &d)) // expected-warning {{format unit 'f' of 'PyArg_ParseTuple' expects 'float *' for argument 3, but 'double *' is given [pyrefleak-format]}}
    return NULL;
  return PyFloat_FromDouble(d);
}

PyObject *predicate_into_bool(PyObject *args) {
  _Bool flag;
  if (!PyArg_ParseTuple(args, "p", &flag)) // expected-warning {{format unit 'p' of 'PyArg_ParseTuple' expects 'int *' for argument 3, but '_Bool *' is given [pyrefleak-format]}}
    return NULL;
  return PyBool_FromLong(flag);
}

PyObject *int_into_ssize(PyObject *args) {
  int n;
  if (!PyArg_Parse(args, "n", &n)) // expected-warning {{format unit 'n' of 'PyArg_Parse' expects 'Py_ssize_t *' for argument 3, but 'int *' is given [pyrefleak-format]}}
    return NULL;
  return PyLong_FromLong(n);
}

PyObject *buffer_into_pointer(PyObject *args) {
  const char *data;
  if (!PyArg_ParseTuple(args, "y*", &data)) // expected-warning {{format unit 'y*' of 'PyArg_ParseTuple' expects 'Py_buffer *' for argument 3, but 'const char **' is given [pyrefleak-format]}}
    return NULL;
  Py_RETURN_NONE;
}

// Correct uses, including the types the check accepts on purpose.
PyObject *all_numbers(PyObject *args) {
  unsigned char b, B;
  short h;
  unsigned short H;
  int i, C, p;
  unsigned int I;
  long l;
  unsigned long k;
  long long L;
  unsigned long long K;
  Py_ssize_t n;
  char c;
  float f;
  double d;
  Py_complex D;
  if (!PyArg_ParseTuple(args, "bBhHiIlkLKncCfdDp", &b, &B, &h, &H, &i, &I, &l, // no-warning
                        &k, &L, &K, &n, &c, &C, &f, &d, &D, &p))
    return NULL;
  Py_RETURN_NONE;
}

PyObject *accepted_variants(PyObject *args) {
  char *s;                  // char ** for const char **
  unsigned int i;           // signedness of the same rank
  long n;                   // Py_ssize_t is long here
  enum mode m;              // an enum is its integer type
  signed char b;            // unsigned char * for 'b'
  if (!PyArg_ParseTuple(args, "sinib", &s, &i, &n, &m, &b)) // no-warning
    return NULL;
  Py_RETURN_NONE;
}

PyObject *object_subtypes(PyObject *args) {
  PyBytesObject *bytes;      // "S" stores a bytes object
  PyObject *text;
  CounterObject *counter;    // an extension type starting with PyObject_HEAD
  void *anything;
  if (!PyArg_ParseTuple(args, "SUOO", &bytes, &text, &counter, (void *)&anything)) // no-warning
    return NULL;
  Py_RETURN_NONE;
}

PyObject *strings_and_buffers(PyObject *args) {
  const char *s, *z, *y, *sh;
  Py_ssize_t len;
  Py_buffer s_buf, z_buf, y_buf, w_buf;
  if (!PyArg_ParseTuple(args, "szys#s*z*y*w*", &s, &z, &y, &sh, &len, &s_buf, // no-warning
                        &z_buf, &y_buf, &w_buf))
    return NULL;
  PyBuffer_Release(&s_buf);
  PyBuffer_Release(&z_buf);
  PyBuffer_Release(&y_buf);
  PyBuffer_Release(&w_buf);
  Py_RETURN_NONE;
}

PyObject *nested_tuple(PyObject *args) {
  int x, y;
  long z;
  if (!PyArg_ParseTuple(args, "(ii)(l)", &x, &y, &z)) // no-warning
    return NULL;
  if (!PyArg_ParseTuple(args, "(ii)(i)", &x, &y, &z)) // expected-warning {{format unit 'i' of 'PyArg_ParseTuple' expects 'int *' for argument 5, but 'long *' is given}}
    return NULL;
  Py_RETURN_NONE;
}
