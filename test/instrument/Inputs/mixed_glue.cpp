// The C++ half of a mixed extension: calls into the instrumented C half.
#include <Python.h>

extern "C" PyObject *mixed_leak(PyObject *self, PyObject *unused);

static PyMethodDef methods[] = {{"leak", mixed_leak, METH_NOARGS, nullptr},
                                {nullptr, nullptr, 0, nullptr}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "mixed", nullptr,
                                    -1, methods};
extern "C" PyMODINIT_FUNC PyInit_mixed(void) {
  return PyModule_Create(&module);
}
