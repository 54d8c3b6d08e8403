/* A hot extension loop for utils/bench-runtime.py: each iteration makes
 * new references, passes them through a static helper (an instrumented
 * frame of its own), stores one into a list it owns, and releases the
 * rest; leak_ints(n) also leaks one cached int per iteration, so the
 * ledger's memory can be seen to stay flat while leaks accumulate.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
pair_sum(long i)
{
    PyObject *a = PyLong_FromLong(i);
    if (a == NULL)
        return NULL;
    PyObject *b = PyLong_FromLong(i + 1);
    if (b == NULL) {
        Py_DECREF(a);
        return NULL;
    }
    PyObject *sum = PyNumber_Add(a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    return sum;
}

static PyObject *
churn(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    PyObject *keep = PyList_New(16);
    if (keep == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < 16; j++)
        PyList_SET_ITEM(keep, j, Py_NewRef(Py_None));
    long total = 0;
    for (long i = 0; i < n; i++) {
        PyObject *sum = pair_sum(i);
        if (sum == NULL) {
            Py_DECREF(keep);
            return NULL;
        }
        total += PyObject_IsTrue(sum);
        if (PyList_SetItem(keep, i % 16, sum) < 0) {
            Py_DECREF(keep);
            return NULL;
        }
    }
    Py_DECREF(keep);
    return PyLong_FromLong(total);
}

static PyObject *
leak_ints(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    PyObject *d = PyDict_New();
    if (d == NULL)
        return NULL;
    for (long i = 0; i < n; i++)
        if (PyDict_SetItem(d, PyLong_FromLong(i % 200), Py_None) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    return d;
}

static PyMethodDef hotloop_methods[] = {
    {"churn", churn, METH_O, NULL},
    {"leak_ints", leak_ints, METH_O, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef hotloop_module = {
    PyModuleDef_HEAD_INIT, "hotloop", NULL, -1, hotloop_methods,
    NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_hotloop(void)
{
    return PyModule_Create(&hotloop_module);
}
