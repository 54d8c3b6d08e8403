/* What an extension built for Python 3.9 takes from a compatibility header
   (pythoncapi-compat's pythoncapi_compat.h is the common one): the newer
   API it uses, as static inline functions of the same names. Written for
   these tests; force-included (-include) by lit on headers older than 3.10.
   The checker applies each function's own rule to such a declaration. */
#ifndef PYREFLEAK_TEST_CAPI_COMPAT_H
#define PYREFLEAK_TEST_CAPI_COMPAT_H

/* Every corpus file starts with these two lines; a test of the variants
   without PY_SSIZE_T_CLEAN says so with -DPYREFLEAK_TEST_SSIZE_T_UNCLEAN. */
#ifndef PYREFLEAK_TEST_SSIZE_T_UNCLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>

#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *Py_NewRef(PyObject *obj) {
  Py_INCREF(obj);
  return obj;
}

static inline PyObject *Py_XNewRef(PyObject *obj) {
  Py_XINCREF(obj);
  return obj;
}

static inline int PyModule_AddObjectRef(PyObject *module, const char *name,
                                        PyObject *value) {
  if (value == NULL && !PyErr_Occurred()) {
    PyErr_SetString(PyExc_SystemError, "PyModule_AddObjectRef: NULL value");
    return -1;
  }
  Py_XINCREF(value);
  if (PyModule_AddObject(module, name, value) < 0) {
    Py_XDECREF(value);
    return -1;
  }
  return 0;
}
#endif

#endif
