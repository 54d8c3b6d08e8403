#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "instrument_mimic.h"
#include "twin_site.h"

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "twin_b", NULL, -1,
                                    twin_methods};

PyMODINIT_FUNC PyInit_twin_b(void) { return PyModule_Create(&module); }
