// False class 'correlated field test': an iterator reads either from a
// Python file object or from a buffer, decided by one field that nothing
// writes while it runs. A second lap through the same code (goto back to the
// read) cannot take the other branch of `self->reader`, so the reference
// read on the first lap is never released twice. Seen in zstandard's
// (de)compression iterators.
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject_HEAD
  PyObject *reader;   // a file object, or NULL when reading from buffer
  Py_buffer buffer;
  Py_ssize_t offset;
  int finished;
} Chunks;

static Py_ssize_t consume(Chunks *self, const char *data, Py_ssize_t size);

static PyObject *chunks_next(Chunks *self) {
  PyObject *chunk = NULL;
  char *data;
  Py_ssize_t size;
  int laps = 0;

again:
  if (self->reader) {
    chunk = PyObject_CallMethod(self->reader, "read", "n", (Py_ssize_t)4096);
    if (!chunk)
      return NULL;
    if (PyBytes_AsStringAndSize(chunk, &data, &size) < 0) {
      Py_DECREF(chunk);
      return NULL;
    }
  } else {
    data = (char *)self->buffer.buf + self->offset;
    size = self->buffer.len - self->offset;
    self->offset += size;
  }
  if (size == 0)
    self->finished = 1;
  size = consume(self, data, size);
  Py_XDECREF(chunk);
  if (size == 0 && !self->finished && ++laps < 8)
    goto again;
  return PyLong_FromSsize_t(size);
}

static Py_ssize_t consume(Chunks *self, const char *data, Py_ssize_t size) {
  return size > 16 ? 16 : size;
}

PyObject *(*keep_chunks_next)(Chunks *) = chunks_next;
