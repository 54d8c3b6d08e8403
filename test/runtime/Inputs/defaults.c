/* An extension that sets the runtime's default options. It is the first
 * module to load the runtime, so the runtime's lookup finds it. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "instrument_mimic.h"

const char *__pyrefleak_default_options(void) {
  return "max_reports=1:print_stacks=0";
}

static PyObject *leak_three_sites(PyObject *self, PyObject *noargs) {
  PRL_FRAME;
  (void)PRL_NEW("leak_three_sites", "PyList_New", PyList_New(0));
  (void)PRL_NEW("leak_three_sites", "PyList_New", PyList_New(0));
  (void)PRL_NEW("leak_three_sites", "PyList_New", PyList_New(0));
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"leak_three_sites", leak_three_sites, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "defaults", NULL,
                                    -1, methods};

PyMODINIT_FUNC PyInit_defaults(void) { return PyModule_Create(&module); }
