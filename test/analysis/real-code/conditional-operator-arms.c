// False class 'conditional operator whose arms create references': a macro
// picks one of two creating calls with `?:` (Cython's
// __Pyx_PyUnicode_ConcatSafe: PyNumber_Add or PyUnicode_Concat). The
// variable holds whichever reference was made, so a NULL test of the
// variable covers both. Seen in yarl's module initialisation.
// XFAIL: *
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define CONCAT_SAFE(a, b)                                                      \
  (((a) == Py_None || (b) == Py_None) ? PyNumber_Add((a), (b))                 \
                                      : PyUnicode_Concat((a), (b)))

static PyObject *join_two(PyObject *self, PyObject *args) {
  PyObject *a, *b, *joined;
  if (!PyArg_ParseTuple(args, "OO:join_two", &a, &b))
    return NULL;
  joined = CONCAT_SAFE(a, b);
  if (!joined)
    return NULL;
  return joined;
}

static PyMethodDef methods[] = {{"join_two", join_two, METH_VARARGS, NULL},
                                {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "concat", NULL, 0, methods};

PyMODINIT_FUNC PyInit_concat(void) { return PyModule_Create(&module); }
