// False class 'API fact: _PyBytes_Resize releases on failure': on failure it
// releases the object and stores NULL through its argument, so a bare
// `return NULL` after it leaks nothing. Seen in bitarray's encoder, which
// grows its output as it goes.
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static PyObject *repeat(PyObject *self, PyObject *args) {
  const char *text;
  Py_ssize_t len, times, used = 0, i;
  PyObject *out;
  if (!PyArg_ParseTuple(args, "s#n:repeat", &text, &len, &times))
    return NULL;
  out = PyBytes_FromStringAndSize(NULL, 16);
  if (out == NULL)
    return NULL;
  for (i = 0; i < times; i++) {
    if (PyBytes_GET_SIZE(out) < used + len) {
      if (_PyBytes_Resize(&out, 2 * (used + len)) < 0)
        return NULL;
    }
    memcpy(PyBytes_AS_STRING(out) + used, text, len);
    used += len;
  }
  if (_PyBytes_Resize(&out, used) < 0)
    return NULL;
  return out;
}

static PyMethodDef methods[] = {{"repeat", repeat, METH_VARARGS, NULL},
                                {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "grow", NULL, 0, methods};

PyMODINIT_FUNC PyInit_grow(void) { return PyModule_Create(&module); }
