// A reference put where the ledger cannot see it (copied into a global with
// memcpy) is counted as leaked when its function returns; when the object
// is later deallocated, that proves the record wrong. Where the interpreter
// reports deallocations (3.13+), the record is dropped and counted as
// refuted; elsewhere the report says that no record could be refuted.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %pyrefleak_cc --instrument -shared -fPIC -O2 -I%python_include %s -o %t/ledger_refuted.so 2>/dev/null
// RUN: env PYTHONPATH=%t PYREFLEAK_OPTIONS=json_report=%t/report.json:verbosity=1:print_stacks=0 %python -c "import ledger_refuted as m; m.hide(); m.drop(); m.hide(); m.drop(); m.hide()" 2>%t/stderr
// RUN: %python -c "import json, sys; r = json.load(open(sys.argv[1])); print('REFUTED' if r['refutation'] else 'NOT-SEEN', r['refuted_references'], 'LEAKED', r['leaked_references'])" %t/report.json | FileCheck %s
// CHECK: {{^REFUTED 2 LEAKED 1$|^NOT-SEEN 0 LEAKED 3$}}
// RUN: FileCheck --check-prefix=VERBOSE %s < %t/stderr
// VERBOSE: {{recorded leaked references refuted: their objects were deallocated|no record could be refuted: this Python does not report deallocations}}
#include <Python.h>
#include <string.h>

static PyObject *slot;

static PyObject *hide(PyObject *self, PyObject *unused) {
  PyObject *list = PyList_New(0);
  if (!list)
    return NULL;
  memcpy(&slot, &list, sizeof list);
  Py_RETURN_NONE;
}

static PyObject *drop(PyObject *self, PyObject *unused) {
  PyObject *old;
  memcpy(&old, &slot, sizeof old);
  memset(&slot, 0, sizeof slot);
  Py_XDECREF(old);
  Py_RETURN_NONE;
}

static PyMethodDef methods[] = {{"hide", hide, METH_NOARGS, NULL},
                                {"drop", drop, METH_NOARGS, NULL},
                                {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "ledger_refuted",
                                    NULL, -1, methods};
PyMODINIT_FUNC PyInit_ledger_refuted(void) { return PyModule_Create(&module); }
