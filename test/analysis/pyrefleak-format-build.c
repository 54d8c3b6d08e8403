// Build formats take values, after the default argument promotions, and
// group them in nested tuples, lists and dicts.
// RUN: %clang_verify %s
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

PyObject *long_for_int(long n) {
  return Py_BuildValue("i", n); // expected-warning {{format unit 'i' of 'Py_BuildValue' expects 'int' for argument 2, but 'long' is given [pyrefleak-format]}}
}

PyObject *int_for_long(int n) {
  return Py_BuildValue("l", n); // expected-warning {{format unit 'l' of 'Py_BuildValue' expects 'long' for argument 2, but 'int' is given [pyrefleak-format]}}
}

PyObject *int_for_ssize(int n) {
  return Py_BuildValue("n", n); // expected-warning {{format unit 'n' of 'Py_BuildValue' expects 'Py_ssize_t' for argument 2, but 'int' is given [pyrefleak-format]}}
}

PyObject *int_for_string(int n) {
  return Py_BuildValue("s", n); // expected-warning {{format unit 's' of 'Py_BuildValue' expects 'const char *' for argument 2, but 'int' is given [pyrefleak-format]}}
}

PyObject *double_for_int(double d) {
  return Py_BuildValue("[d,i]", d, d); // expected-warning {{format unit 'i' of 'Py_BuildValue' expects 'int' for argument 3, but 'double' is given [pyrefleak-format]}}
}

PyObject *address_for_object(PyObject *o) {
  return Py_BuildValue("O", &o); // expected-warning {{format unit 'O' of 'Py_BuildValue' expects 'PyObject *' for argument 2, but 'PyObject **' is given [pyrefleak-format]}}
}

PyObject *nested_dict(PyObject *key, long value) {
  return Py_BuildValue("{s:(il)}", "k", value, value); // expected-warning {{format unit 'i' of 'Py_BuildValue' expects 'int' for argument 3, but 'long' is given [pyrefleak-format]}}
}

// Types the promotions produce: char, short and float arrive as int and
// double; signedness of the same rank is accepted.
PyObject *promoted(char c, short h, unsigned char B, unsigned short H,
                   float f, unsigned u, Py_ssize_t n, long long L,
                   unsigned long long K, unsigned long k, Py_complex *D) {
  return Py_BuildValue("(bhBHcCfdiIlknLKD)", c, h, B, H, c, (int)c, f, 1.0, // no-warning
                       (int)u, u, 1L, k, n, L, K, D);
}

PyObject *strings(const char *s, char *t, Py_ssize_t n, const wchar_t *w) {
  return Py_BuildValue("(szyUus#z#y#U#u#)", s, t, NULL, "lit", w, s, n, t, n, // no-warning
                       s, n, s, n, w, n);
}

PyObject *groups(PyObject *a, PyObject *b, PyObject *c) {
  return Py_BuildValue("{sO,sO}[O(OO)]", "a", a, "b", b, c, a, b); // no-warning
}

PyObject *separators(int x, int y) {
  return Py_BuildValue("i, i: \ti", x, y, x); // no-warning
}

typedef struct {
  PyObject_HEAD
  PyObject *payload;
} BoxObject;

static PyObject *make_from(void *p) { return PyLong_FromVoidPtr(p); }

PyObject *objects(BoxObject *box, PyTypeObject *type, int *raw) {
  return Py_BuildValue("(OSO&O)", box, box->payload, make_from, raw, type); // no-warning
}

// Integers of the same width are read the same way, whatever their rank:
// fixed-width and size types need no casts.
PyObject *same_width(int64_t i64, uint64_t u64, size_t size, uint32_t u32) {
  return Py_BuildValue("(LKnkI)", i64, u64, size, size, u32); // no-warning
}
