"""Generates real-sized C extension sources for the benchmarks.

Each file is a module of many functions written in the idioms real
extensions use (argument parsing, goto-error cleanup, iteration, building
containers, dict and attribute access, a type with slots), varied by name
and constants so that no two functions are the same text.
"""
import argparse
import os

FUNCTION = r'''
static PyObject *
build_record_{n}(PyObject *self, PyObject *args)
{{
    PyObject *name = NULL, *size = NULL, *result = NULL;
    const char *s;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "sn", &s, &n))
        return NULL;
    name = PyUnicode_FromString(s);
    if (name == NULL)
        goto error;
    size = PyLong_FromSsize_t(n + {n});
    if (size == NULL)
        goto error;
    result = PyDict_New();
    if (result == NULL)
        goto error;
    if (PyDict_SetItemString(result, "name_{n}", name) < 0)
        goto error;
    if (PyDict_SetItemString(result, "size_{n}", size) < 0)
        goto error;
    Py_DECREF(name);
    Py_DECREF(size);
    return result;
error:
    Py_XDECREF(name);
    Py_XDECREF(size);
    Py_XDECREF(result);
    return NULL;
}}

static PyObject *
count_true_{n}(PyObject *self, PyObject *iterable)
{{
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL)
        return NULL;
    Py_ssize_t count = 0;
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {{
        int t = PyObject_IsTrue(item);
        Py_DECREF(item);
        if (t < 0) {{
            Py_DECREF(it);
            return NULL;
        }}
        count += t * {k};
    }}
    Py_DECREF(it);
    if (PyErr_Occurred())
        return NULL;
    return PyLong_FromSsize_t(count);
}}

static PyObject *
squares_{n}(PyObject *self, PyObject *arg)
{{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n < 0)
        return PyErr_Occurred() ? NULL : PyTuple_New(0);
    PyObject *t = PyTuple_New(n);
    if (t == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {{
        PyObject *v = PyLong_FromSsize_t(i * i + {n});
        if (v == NULL) {{
            Py_DECREF(t);
            return NULL;
        }}
        PyTuple_SET_ITEM(t, i, v);
    }}
    return t;
}}

static PyObject *
longest_repr_{n}(PyObject *self, PyObject *seq)
{{
    PyObject *best = PyUnicode_FromString("");
    if (best == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Size(seq);
    if (n < 0)
        goto error;
    for (Py_ssize_t i = 0; i < n; i++) {{
        PyObject *item = PySequence_GetItem(seq, i);
        if (item == NULL)
            goto error;
        PyObject *r = PyObject_Repr(item);
        Py_DECREF(item);
        if (r == NULL)
            goto error;
        if (PyUnicode_GetLength(r) > PyUnicode_GetLength(best) + {k})
            Py_SETREF(best, r);
        else
            Py_DECREF(r);
    }}
    return best;
error:
    Py_DECREF(best);
    return NULL;
}}

static PyObject *
lookup_{n}(PyObject *self, PyObject *args)
{{
    PyObject *mapping, *key, *fallback = Py_None;
    if (!PyArg_ParseTuple(args, "O!O|O", &PyDict_Type, &mapping, &key, &fallback))
        return NULL;
    PyObject *value = PyDict_GetItemWithError(mapping, key);
    if (value == NULL) {{
        if (PyErr_Occurred())
            return NULL;
        return Py_NewRef(fallback);
    }}
    if (PyLong_Check(value) && PyLong_AsLong(value) == {n})
        return PyUnicode_FromFormat("special-%ld", (long){n});
    return Py_NewRef(value);
}}

static PyObject *
pairs_{n}(PyObject *self, PyObject *dict)
{{
    if (!PyDict_Check(dict)) {{
        PyErr_SetString(PyExc_TypeError, "expected a dict");
        return NULL;
    }}
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value)) {{
        PyObject *pair = Py_BuildValue("(OOi)", key, value, {k});
        if (pair == NULL) {{
            Py_DECREF(out);
            return NULL;
        }}
        int rc = PyList_Append(out, pair);
        Py_DECREF(pair);
        if (rc < 0) {{
            Py_DECREF(out);
            return NULL;
        }}
    }}
    return out;
}}

static PyObject *
call_attr_{n}(PyObject *self, PyObject *obj)
{{
    PyObject *method = PyObject_GetAttrString(obj, "method_{n}");
    if (method == NULL)
        return NULL;
    PyObject *arg = PyLong_FromLong({k});
    if (arg == NULL) {{
        Py_DECREF(method);
        return NULL;
    }}
    PyObject *result = PyObject_CallOneArg(method, arg);
    Py_DECREF(arg);
    Py_DECREF(method);
    if (result == NULL)
        return NULL;
    PyObject *text = PyObject_Str(result);
    Py_DECREF(result);
    return text;
}}

typedef struct {{
    PyObject_HEAD
    PyObject *cache;
    PyObject *name;
    long hits;
}} Cached{n};

static int
Cached{n}_init(Cached{n} *self, PyObject *args, PyObject *kwds)
{{
    static char *kwlist[] = {{"name", NULL}};
    PyObject *name = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U", kwlist, &name))
        return -1;
    PyObject *cache = PyDict_New();
    if (cache == NULL)
        return -1;
    Py_XSETREF(self->cache, cache);
    Py_XSETREF(self->name, Py_NewRef(name));
    self->hits = {k};
    return 0;
}}

static int
Cached{n}_clear(Cached{n} *self)
{{
    Py_CLEAR(self->cache);
    Py_CLEAR(self->name);
    return 0;
}}

static void
Cached{n}_dealloc(Cached{n} *self)
{{
    PyObject_GC_UnTrack(self);
    Cached{n}_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}}

static int
Cached{n}_traverse(Cached{n} *self, visitproc visit, void *arg)
{{
    Py_VISIT(self->cache);
    Py_VISIT(self->name);
    return 0;
}}

static PyObject *
Cached{n}_get(Cached{n} *self, PyObject *key)
{{
    PyObject *value = PyDict_GetItemWithError(self->cache, key);
    if (value != NULL) {{
        self->hits++;
        return Py_NewRef(value);
    }}
    if (PyErr_Occurred())
        return NULL;
    value = PyObject_Repr(key);
    if (value == NULL)
        return NULL;
    if (PyDict_SetItem(self->cache, key, value) < 0) {{
        Py_DECREF(value);
        return NULL;
    }}
    return value;
}}

static PyMethodDef Cached{n}_methods[] = {{
    {{"get", (PyCFunction)Cached{n}_get, METH_O, NULL}},
    {{NULL, NULL, 0, NULL}}
}};

static PyTypeObject Cached{n}_Type = {{
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench.Cached{n}",
    .tp_basicsize = sizeof(Cached{n}),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Cached{n}_init,
    .tp_dealloc = (destructor)Cached{n}_dealloc,
    .tp_traverse = (traverseproc)Cached{n}_traverse,
    .tp_clear = (inquiry)Cached{n}_clear,
    .tp_methods = Cached{n}_methods,
}};
'''

METHODS = '''    {{"build_record_{n}", build_record_{n}, METH_VARARGS, NULL}},
    {{"count_true_{n}", count_true_{n}, METH_O, NULL}},
    {{"squares_{n}", squares_{n}, METH_O, NULL}},
    {{"longest_repr_{n}", longest_repr_{n}, METH_O, NULL}},
    {{"lookup_{n}", lookup_{n}, METH_VARARGS, NULL}},
    {{"pairs_{n}", pairs_{n}, METH_O, NULL}},
    {{"call_attr_{n}", call_attr_{n}, METH_O, NULL}},
'''


def module(index, groups):
    parts = ["/* Generated by utils/bench/genext.py: a benchmark input. */",
             "#define PY_SSIZE_T_CLEAN", "#include <Python.h>"]
    for g in range(groups):
        n = index * 1000 + g
        parts.append(FUNCTION.format(n=n, k=g % 7 + 1))
    parts.append("static PyMethodDef bench_methods[] = {")
    for g in range(groups):
        parts.append(METHODS.format(n=index * 1000 + g).rstrip("\n"))
    parts.append("    {NULL, NULL, 0, NULL}\n};")
    parts.append('static struct PyModuleDef bench_module = {\n'
                 '    PyModuleDef_HEAD_INIT, "bench%d", NULL, -1, bench_methods,\n'
                 '    NULL, NULL, NULL, NULL\n};' % index)
    parts.append("PyMODINIT_FUNC PyInit_bench%d(void)\n{\n"
                 "    return PyModule_Create(&bench_module);\n}\n" % index)
    return "\n".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir")
    parser.add_argument("--files", type=int, default=3)
    parser.add_argument("--groups", type=int, default=20,
                        help="function groups per file (~230 lines each)")
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for index in range(args.files):
        with open(os.path.join(args.outdir, "bench%d.c" % index), "w") as f:
            f.write(module(index, args.groups))


if __name__ == "__main__":
    main()
