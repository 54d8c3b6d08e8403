/* A miniature line tracer with the bug of coverage.py 3.2b2: every traced
 * line number is recorded as a key of the file's dict, and PyDict_SetItem
 * does not steal its key, so one int reference leaks per traced line. Line
 * numbers up to 256 are cached ints: the leak costs no memory until a file
 * is longer than that, which is why no test saw it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* record(data, filename, lineno): data[filename][lineno] = None */
static PyObject *
record(PyObject *self, PyObject *args)
{
    PyObject *data, *filename;
    long lineno;
    if (!PyArg_ParseTuple(args, "O!Ul", &PyDict_Type, &data, &filename, &lineno))
        return NULL;
    PyObject *file_data = PyDict_GetItemWithError(data, filename);
    if (file_data == NULL) {
        if (PyErr_Occurred())
            return NULL;
        file_data = PyDict_New();
        if (file_data == NULL)
            return NULL;
        int rc = PyDict_SetItem(data, filename, file_data);
        Py_DECREF(file_data);
        if (rc < 0)
            return NULL;
    }
    if (PyDict_SetItem(file_data, PyLong_FromLong(lineno), Py_None) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef tracer_methods[] = {
    {"record", record, METH_VARARGS, "Record one executed line."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef tracer_module = {
    PyModuleDef_HEAD_INIT, "tracer", NULL, -1, tracer_methods,
    NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_tracer(void)
{
    return PyModule_Create(&tracer_module);
}
