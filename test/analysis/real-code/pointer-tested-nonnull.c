// False class 'pointer already tested non-NULL': a fast path that keeps a
// pointer only after testing it against NULL (the shape of the 3.11 headers'
// _PyArg_UnpackKeywords macro, used by every Argument Clinic style parser:
// multidict on 3.11), then the usual `if (!args) return NULL;`. The NULL can
// only come from the slow call, which sets an exception; the nested test of
// the same pointer is dead code.
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>

// Sets an exception when it returns NULL.
extern PyObject *const *slow_unpack(PyObject *const *args, Py_ssize_t nargs,
                                    PyObject *kwnames, PyObject **buffer);

#define UNPACK(args, nargs, kwnames, buffer)                                  \
  (((kwnames) == NULL && (nargs) == 1 && (args) != NULL)                       \
       ? (args)                                                                \
       : slow_unpack((args), (nargs), (kwnames), (buffer)))

static PyObject *first(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames) {
  PyObject *buffer[1];
  args = UNPACK(args, nargs, kwnames, buffer);
  if (!args)
    return NULL;
  return Py_NewRef(args[0]);
}

static PyObject *twice_tested(PyObject *self, PyObject *const *args,
                              Py_ssize_t nargs) {
  if (args != NULL && nargs > 0) {
    if (args == NULL)
      return NULL;
    return Py_NewRef(args[0]);
  }
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"first", (PyCFunction)(void (*)(void))first, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"twice_tested", (PyCFunction)(void (*)(void))twice_tested, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastpath", NULL, 0, methods};

PyMODINIT_FUNC PyInit_fastpath(void) { return PyModule_Create(&module); }
