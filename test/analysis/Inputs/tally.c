/* tally: a counting extension written the way real ones are, for the
 * path analysis to run over without a single finding (and for measuring
 * what the analysis costs). Correct code throughout: module state in a
 * global, a GC'd type with methods, getters, number and sequence slots, an
 * iterator type, keyword parsing, goto cleanup, PyIter_Next loops,
 * PyDict_Next, PyErr_Fetch/Restore, Py_SETREF, conditional ownership,
 * multi-phase module initialisation.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stdio.h>
#include <string.h>

// expected-no-diagnostics

/* ------------------------------------------------------------------ */
/* Module state                                                        */
/* ------------------------------------------------------------------ */

static PyObject *TallyError;   /* tally.Error */
static PyObject *empty_tuple;  /* cached () */
static PyObject *str_most_common; /* interned "most_common" */

typedef struct {
    PyObject_HEAD
    PyObject *counts;   /* dict: key -> int */
    PyObject *name;     /* str or NULL */
    Py_ssize_t total;
    int frozen;
} TallyObject;

typedef struct {
    PyObject_HEAD
    TallyObject *tally;  /* strong reference */
    Py_ssize_t pos;
    int kind;            /* 0 keys, 1 items */
} TallyIterObject;

static PyTypeObject TallyType;
static PyTypeObject TallyIterType;

#define Tally_Check(op) PyObject_TypeCheck(op, &TallyType)

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Returns a new reference to the count of key (0 when absent). */
static PyObject *
get_count(TallyObject *self, PyObject *key)
{
    PyObject *count = PyDict_GetItemWithError(self->counts, key);
    if (count == NULL) {
        if (PyErr_Occurred())
            return NULL;
        return PyLong_FromLong(0);
    }
    return Py_NewRef(count);
}

/* Adds delta to key's count. 0 on success, -1 with an exception. */
static int
add_count(TallyObject *self, PyObject *key, Py_ssize_t delta)
{
    if (self->frozen) {
        PyErr_SetString(TallyError, "tally is frozen");
        return -1;
    }
    PyObject *old = get_count(self, key);
    if (old == NULL)
        return -1;
    Py_ssize_t value = PyLong_AsSsize_t(old);
    Py_DECREF(old);
    if (value == -1 && PyErr_Occurred())
        return -1;
    if (value + delta == 0) {
        if (PyDict_DelItem(self->counts, key) < 0) {
            if (!PyErr_ExceptionMatches(PyExc_KeyError))
                return -1;
            PyErr_Clear();
        }
        self->total += delta;
        return 0;
    }
    PyObject *updated = PyLong_FromSsize_t(value + delta);
    if (updated == NULL)
        return -1;
    int rc = PyDict_SetItem(self->counts, key, updated);
    Py_DECREF(updated);
    if (rc < 0)
        return -1;
    self->total += delta;
    return 0;
}

/* Counts every item of iterable. */
static int
update_from_iterable(TallyObject *self, PyObject *iterable)
{
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL)
        return -1;
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        int rc = add_count(self, item, 1);
        Py_DECREF(item);
        if (rc < 0) {
            Py_DECREF(it);
            return -1;
        }
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return -1;
    return 0;
}

/* Counts every key of mapping with its value. */
static int
update_from_mapping(TallyObject *self, PyObject *mapping)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        Py_ssize_t n = PyLong_AsSsize_t(value);
        if (n == -1 && PyErr_Occurred())
            return -1;
        if (add_count(self, key, n) < 0)
            return -1;
    }
    return 0;
}

/* A label "name(total)" as a new str. */
static PyObject *
make_label(TallyObject *self)
{
    if (self->name == NULL)
        return PyUnicode_FromFormat("tally(%zd)", self->total);
    return PyUnicode_FromFormat("%U(%zd)", self->name, self->total);
}

/* Sorted list of (key, count) pairs, most common first. */
static PyObject *
sorted_items(TallyObject *self)
{
    PyObject *items = NULL, *keyfunc = NULL, *result = NULL;
    PyObject *operator_mod = NULL, *kwargs = NULL;

    items = PyDict_Items(self->counts);
    if (items == NULL)
        goto done;
    operator_mod = PyImport_ImportModule("operator");
    if (operator_mod == NULL)
        goto done;
    keyfunc = PyObject_CallMethod(operator_mod, "itemgetter", "i", 1);
    if (keyfunc == NULL)
        goto done;
    kwargs = Py_BuildValue("{sOsO}", "key", keyfunc, "reverse", Py_True);
    if (kwargs == NULL)
        goto done;
    PyObject *sort = PyObject_GetAttrString(items, "sort");
    if (sort == NULL)
        goto done;
    PyObject *none = PyObject_Call(sort, empty_tuple, kwargs);
    Py_DECREF(sort);
    if (none == NULL)
        goto done;
    Py_DECREF(none);
    result = Py_NewRef(items);
done:
    Py_XDECREF(items);
    Py_XDECREF(keyfunc);
    Py_XDECREF(operator_mod);
    Py_XDECREF(kwargs);
    return result;
}

/* ------------------------------------------------------------------ */
/* Tally type                                                          */
/* ------------------------------------------------------------------ */

static PyObject *
Tally_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    TallyObject *self = (TallyObject *)type->tp_alloc(type, 0);
    if (self == NULL)
        return NULL;
    self->counts = PyDict_New();
    if (self->counts == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    self->name = NULL;
    self->total = 0;
    self->frozen = 0;
    return (PyObject *)self;
}

static int
Tally_init(TallyObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"iterable", "name", NULL};
    PyObject *iterable = NULL, *name = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OU", kwlist,
                                     &iterable, &name))
        return -1;
    if (name != NULL) {
        Py_INCREF(name);
        Py_XSETREF(self->name, name);
    }
    if (iterable == NULL || iterable == Py_None)
        return 0;
    if (PyDict_Check(iterable))
        return update_from_mapping(self, iterable);
    return update_from_iterable(self, iterable);
}

static int
Tally_traverse(TallyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->counts);
    Py_VISIT(self->name);
    return 0;
}

static int
Tally_clear(TallyObject *self)
{
    Py_CLEAR(self->counts);
    Py_CLEAR(self->name);
    return 0;
}

static void
Tally_dealloc(TallyObject *self)
{
    PyObject_GC_UnTrack(self);
    Tally_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
Tally_repr(TallyObject *self)
{
    PyObject *label = make_label(self);
    if (label == NULL)
        return NULL;
    PyObject *counts = PyObject_Repr(self->counts);
    if (counts == NULL) {
        Py_DECREF(label);
        return NULL;
    }
    PyObject *result = PyUnicode_FromFormat("<%U %U>", label, counts);
    Py_DECREF(label);
    Py_DECREF(counts);
    return result;
}

static PyObject *
Tally_add(TallyObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"key", "count", NULL};
    PyObject *key;
    Py_ssize_t count = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|n", kwlist, &key, &count))
        return NULL;
    if (count < 0) {
        PyErr_Format(PyExc_ValueError, "count must be >= 0, not %zd", count);
        return NULL;
    }
    if (add_count(self, key, count) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
Tally_update(TallyObject *self, PyObject *arg)
{
    int rc;
    if (PyDict_Check(arg))
        rc = update_from_mapping(self, arg);
    else
        rc = update_from_iterable(self, arg);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
Tally_most_common(TallyObject *self, PyObject *args)
{
    Py_ssize_t n = -1;
    if (!PyArg_ParseTuple(args, "|n", &n))
        return NULL;
    PyObject *items = sorted_items(self);
    if (items == NULL)
        return NULL;
    if (n < 0 || n >= PyList_GET_SIZE(items))
        return items;
    PyObject *head = PyList_GetSlice(items, 0, n);
    Py_DECREF(items);
    return head;
}

static PyObject *
Tally_elements(TallyObject *self, PyObject *unused)
{
    PyObject *result = PyList_New(0);
    if (result == NULL)
        return NULL;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(self->counts, &pos, &key, &value)) {
        long n = PyLong_AsLong(value);
        if (n == -1 && PyErr_Occurred())
            goto error;
        for (long i = 0; i < n; i++) {
            if (PyList_Append(result, key) < 0)
                goto error;
        }
    }
    return result;
error:
    Py_DECREF(result);
    return NULL;
}

static PyObject *
Tally_subtract(TallyObject *self, PyObject *other)
{
    if (!Tally_Check(other)) {
        PyErr_SetString(PyExc_TypeError, "expected a Tally");
        return NULL;
    }
    TallyObject *o = (TallyObject *)other;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    /* Iterate over a copy: add_count may change o when o is self. */
    PyObject *copy = PyDict_Copy(o->counts);
    if (copy == NULL)
        return NULL;
    while (PyDict_Next(copy, &pos, &key, &value)) {
        Py_ssize_t n = PyLong_AsSsize_t(value);
        if (n == -1 && PyErr_Occurred()) {
            Py_DECREF(copy);
            return NULL;
        }
        if (add_count(self, key, -n) < 0) {
            Py_DECREF(copy);
            return NULL;
        }
    }
    Py_DECREF(copy);
    Py_RETURN_NONE;
}

static PyObject *
Tally_freeze(TallyObject *self, PyObject *unused)
{
    self->frozen = 1;
    return Py_NewRef((PyObject *)self);
}

static PyObject *
Tally_copy(TallyObject *self, PyObject *unused)
{
    TallyObject *copy = (TallyObject *)Tally_new(Py_TYPE(self), empty_tuple, NULL);
    if (copy == NULL)
        return NULL;
    if (PyDict_Update(copy->counts, self->counts) < 0) {
        Py_DECREF(copy);
        return NULL;
    }
    copy->total = self->total;
    if (self->name != NULL)
        copy->name = Py_NewRef(self->name);
    return (PyObject *)copy;
}

static PyObject *
Tally_to_json(TallyObject *self, PyObject *unused)
{
    PyObject *json = PyImport_ImportModule("json");
    if (json == NULL)
        return NULL;
    PyObject *text = PyObject_CallMethod(json, "dumps", "O", self->counts);
    Py_DECREF(json);
    return text;
}

static PyObject *
Tally_describe(TallyObject *self, PyObject *unused)
{
    PyObject *label = make_label(self);
    if (label == NULL)
        return NULL;
    PyObject *common = PyObject_CallMethodObjArgs((PyObject *)self,
                                                  str_most_common, NULL);
    if (common == NULL) {
        Py_DECREF(label);
        return NULL;
    }
    PyObject *first = PyList_GET_SIZE(common) > 0
                          ? Py_NewRef(PyList_GET_ITEM(common, 0))
                          : Py_NewRef(Py_None);
    Py_DECREF(common);
    PyObject *result = Py_BuildValue("(NN)", label, first);
    return result;
}

static PyObject *
Tally_log(TallyObject *self, PyObject *args)
{
    const char *path;
    if (!PyArg_ParseTuple(args, "s", &path))
        return NULL;
    FILE *f = fopen(path, "a");
    if (f == NULL)
        return PyErr_SetFromErrnoWithFilename(PyExc_OSError, path);
    PyObject *repr = PyObject_Repr((PyObject *)self);
    if (repr == NULL) {
        fclose(f);
        return NULL;
    }
    const char *text = PyUnicode_AsUTF8(repr);
    if (text == NULL) {
        Py_DECREF(repr);
        fclose(f);
        return NULL;
    }
    fprintf(f, "%s\n", text);
    Py_DECREF(repr);
    if (fclose(f) != 0)
        return PyErr_SetFromErrnoWithFilename(PyExc_OSError, path);
    Py_RETURN_NONE;
}

/* Calls callback(key, count) for each key; errors in the callback are
 * reported and swallowed. */
static PyObject *
Tally_each(TallyObject *self, PyObject *callback)
{
    if (!PyCallable_Check(callback)) {
        PyErr_SetString(PyExc_TypeError, "callback must be callable");
        return NULL;
    }
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(self->counts, &pos, &key, &value)) {
        PyObject *r = PyObject_CallFunctionObjArgs(callback, key, value, NULL);
        if (r == NULL) {
            PyObject *type, *exc, *tb;
            PyErr_Fetch(&type, &exc, &tb);
            PyObject *msg = PyObject_Str(exc ? exc : Py_None);
            if (msg != NULL) {
                PySys_FormatStderr("tally: callback failed: %U\n", msg);
                Py_DECREF(msg);
            }
            Py_XDECREF(type);
            Py_XDECREF(exc);
            Py_XDECREF(tb);
            PyErr_Clear();
            continue;
        }
        Py_DECREF(r);
    }
    Py_RETURN_NONE;
}

static PyObject *
Tally_longest_key(TallyObject *self, PyObject *unused)
{
    PyObject *best = Py_NewRef(Py_None);
    Py_ssize_t best_len = -1;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(self->counts, &pos, &key, &value)) {
        PyObject *s = PyObject_Str(key);
        if (s == NULL) {
            Py_DECREF(best);
            return NULL;
        }
        Py_ssize_t len = PyUnicode_GetLength(s);
        Py_DECREF(s);
        if (len < 0) {
            Py_DECREF(best);
            return NULL;
        }
        if (len > best_len) {
            Py_INCREF(key);
            Py_SETREF(best, key);
            best_len = len;
        }
    }
    return best;
}

/* Getters and setters */

static PyObject *
Tally_get_total(TallyObject *self, void *closure)
{
    return PyLong_FromSsize_t(self->total);
}

static PyObject *
Tally_get_name(TallyObject *self, void *closure)
{
    if (self->name == NULL)
        Py_RETURN_NONE;
    return Py_NewRef(self->name);
}

static int
Tally_set_name(TallyObject *self, PyObject *value, void *closure)
{
    if (value == NULL || value == Py_None) {
        Py_CLEAR(self->name);
        return 0;
    }
    if (!PyUnicode_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "name must be a str");
        return -1;
    }
    Py_INCREF(value);
    Py_XSETREF(self->name, value);
    return 0;
}

/* Number and sequence slots */

static PyObject *
Tally_add_op(PyObject *a, PyObject *b)
{
    if (!Tally_Check(a) || !Tally_Check(b))
        Py_RETURN_NOTIMPLEMENTED;
    PyObject *result = Tally_copy((TallyObject *)a, NULL);
    if (result == NULL)
        return NULL;
    if (update_from_mapping((TallyObject *)result,
                            ((TallyObject *)b)->counts) < 0) {
        Py_DECREF(result);
        return NULL;
    }
    return result;
}

static int
Tally_bool(TallyObject *self)
{
    return PyDict_Size(self->counts) > 0;
}

static Py_ssize_t
Tally_length(TallyObject *self)
{
    return PyDict_Size(self->counts);
}

static int
Tally_contains(TallyObject *self, PyObject *key)
{
    return PyDict_Contains(self->counts, key);
}

static PyObject *
Tally_subscript(TallyObject *self, PyObject *key)
{
    return get_count(self, key);
}

static PyObject *
Tally_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!Tally_Check(a) || !Tally_Check(b) || (op != Py_EQ && op != Py_NE))
        Py_RETURN_NOTIMPLEMENTED;
    int eq = PyObject_RichCompareBool(((TallyObject *)a)->counts,
                                      ((TallyObject *)b)->counts, Py_EQ);
    if (eq < 0)
        return NULL;
    if ((op == Py_EQ) == (eq != 0))
        Py_RETURN_TRUE;
    Py_RETURN_FALSE;
}

static PyObject *
Tally_iter(TallyObject *self)
{
    TallyIterObject *it = PyObject_GC_New(TallyIterObject, &TallyIterType);
    if (it == NULL)
        return NULL;
    it->tally = (TallyObject *)Py_NewRef((PyObject *)self);
    it->pos = 0;
    it->kind = 0;
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

/* ------------------------------------------------------------------ */
/* Iterator type                                                       */
/* ------------------------------------------------------------------ */

static void
TallyIter_dealloc(TallyIterObject *it)
{
    PyObject_GC_UnTrack(it);
    Py_XDECREF(it->tally);
    PyObject_GC_Del(it);
}

static int
TallyIter_traverse(TallyIterObject *it, visitproc visit, void *arg)
{
    Py_VISIT(it->tally);
    return 0;
}

static PyObject *
TallyIter_next(TallyIterObject *it)
{
    PyObject *key, *value;
    if (it->tally == NULL)
        return NULL;
    if (!PyDict_Next(it->tally->counts, &it->pos, &key, &value)) {
        Py_CLEAR(it->tally);
        return NULL;
    }
    if (it->kind == 0)
        return Py_NewRef(key);
    return PyTuple_Pack(2, key, value);
}

static PyObject *
TallyIter_iter(PyObject *self)
{
    Py_INCREF(self);
    return self;
}

/* ------------------------------------------------------------------ */
/* Module functions                                                    */
/* ------------------------------------------------------------------ */

static PyObject *
tally_count_words(PyObject *module, PyObject *args)
{
    PyObject *text;
    if (!PyArg_ParseTuple(args, "U", &text))
        return NULL;
    PyObject *words = PyUnicode_Split(text, NULL, -1);
    if (words == NULL)
        return NULL;
    TallyObject *t = (TallyObject *)Tally_new(&TallyType, empty_tuple, NULL);
    if (t == NULL) {
        Py_DECREF(words);
        return NULL;
    }
    int rc = update_from_iterable(t, words);
    Py_DECREF(words);
    if (rc < 0) {
        Py_DECREF(t);
        return NULL;
    }
    return (PyObject *)t;
}

static PyObject *
tally_merge(PyObject *module, PyObject *args)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    TallyObject *result =
        (TallyObject *)Tally_new(&TallyType, empty_tuple, NULL);
    if (result == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *arg = PyTuple_GET_ITEM(args, i);
        if (!Tally_Check(arg)) {
            PyErr_Format(PyExc_TypeError, "argument %zd is not a Tally", i + 1);
            Py_DECREF(result);
            return NULL;
        }
        if (update_from_mapping(result, ((TallyObject *)arg)->counts) < 0) {
            Py_DECREF(result);
            return NULL;
        }
    }
    return (PyObject *)result;
}

static PyObject *
tally_histogram(PyObject *module, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"values", "buckets", NULL};
    PyObject *values;
    int buckets = 10;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|i", kwlist,
                                     &values, &buckets))
        return NULL;
    if (buckets <= 0) {
        PyErr_SetString(PyExc_ValueError, "buckets must be positive");
        return NULL;
    }
    PyObject *fast = PySequence_Fast(values, "values must be a sequence");
    if (fast == NULL)
        return NULL;
    PyObject *one = NULL;
    PyObject *result = PyList_New(buckets);
    if (result == NULL) {
        Py_DECREF(fast);
        return NULL;
    }
    for (int b = 0; b < buckets; b++) {
        PyObject *zero = PyLong_FromLong(0);
        if (zero == NULL)
            goto error;
        PyList_SET_ITEM(result, b, zero);
    }
    one = PyLong_FromLong(1);
    if (one == NULL)
        goto error;
    Py_ssize_t size = PySequence_Fast_GET_SIZE(fast);
    for (Py_ssize_t i = 0; i < size; i++) {
        double v = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, i));
        if (v == -1.0 && PyErr_Occurred())
            goto error;
        int b = (int)(v * buckets);
        if (b < 0)
            b = 0;
        if (b >= buckets)
            b = buckets - 1;
        PyObject *old = PyList_GET_ITEM(result, b);
        PyObject *inc = PyNumber_Add(old, one);
        if (inc == NULL)
            goto error;
        if (PyList_SetItem(result, b, inc) < 0)
            goto error;
    }
    Py_DECREF(one);
    Py_DECREF(fast);
    return result;
error:
    Py_XDECREF(one);
    Py_DECREF(fast);
    Py_DECREF(result);
    return NULL;
}

static PyObject *
tally_version(PyObject *module, PyObject *unused)
{
    return Py_BuildValue("(iii)", 1, 2, 0);
}

static PyObject *
tally_safe_repr(PyObject *module, PyObject *obj)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyObject *r = PyObject_Repr(obj);
    if (r == NULL) {
        PyErr_Clear();
        r = PyUnicode_FromString("<unrepresentable>");
    }
    PyErr_Restore(type, value, tb);
    return r;
}

static PyObject *
tally_first_truthy(PyObject *module, PyObject *iterable)
{
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL)
        return NULL;
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        int truth = PyObject_IsTrue(item);
        if (truth < 0) {
            Py_DECREF(item);
            Py_DECREF(it);
            return NULL;
        }
        if (truth) {
            Py_DECREF(it);
            return item;
        }
        Py_DECREF(item);
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
tally_pick(PyObject *module, PyObject *args)
{
    PyObject *seq;
    Py_ssize_t index;
    int strict = 0;
    if (!PyArg_ParseTuple(args, "On|p", &seq, &index, &strict))
        return NULL;
    Py_ssize_t n = PySequence_Size(seq);
    if (n < 0)
        return NULL;
    if (index < 0 || index >= n) {
        if (strict) {
            PyErr_SetString(PyExc_IndexError, "index out of range");
            return NULL;
        }
        Py_RETURN_NONE;
    }
    return PySequence_GetItem(seq, index);
}

static PyObject *
tally_join_keys(PyObject *module, PyObject *arg)
{
    if (!Tally_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "expected a Tally");
        return NULL;
    }
    PyObject *keys = PyDict_Keys(((TallyObject *)arg)->counts);
    if (keys == NULL)
        return NULL;
    PyObject *sep = PyUnicode_FromString(", ");
    if (sep == NULL) {
        Py_DECREF(keys);
        return NULL;
    }
    PyObject *strs = PyList_New(0);
    if (strs == NULL)
        goto fail;
    Py_ssize_t n = PyList_GET_SIZE(keys);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *s = PyObject_Str(PyList_GET_ITEM(keys, i));
        if (s == NULL)
            goto fail;
        int rc = PyList_Append(strs, s);
        Py_DECREF(s);
        if (rc < 0)
            goto fail;
    }
    PyObject *joined = PyUnicode_Join(sep, strs);
    Py_DECREF(keys);
    Py_DECREF(sep);
    Py_DECREF(strs);
    return joined;
fail:
    Py_DECREF(keys);
    Py_DECREF(sep);
    Py_XDECREF(strs);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

static PyMethodDef Tally_methods[] = {
    {"add", (PyCFunction)(void (*)(void))Tally_add,
     METH_VARARGS | METH_KEYWORDS, "add(key, count=1)"},
    {"update", (PyCFunction)Tally_update, METH_O, "update(iterable)"},
    {"most_common", (PyCFunction)Tally_most_common, METH_VARARGS, NULL},
    {"elements", (PyCFunction)Tally_elements, METH_NOARGS, NULL},
    {"subtract", (PyCFunction)Tally_subtract, METH_O, NULL},
    {"freeze", (PyCFunction)Tally_freeze, METH_NOARGS, NULL},
    {"copy", (PyCFunction)Tally_copy, METH_NOARGS, NULL},
    {"to_json", (PyCFunction)Tally_to_json, METH_NOARGS, NULL},
    {"describe", (PyCFunction)Tally_describe, METH_NOARGS, NULL},
    {"log", (PyCFunction)Tally_log, METH_VARARGS, NULL},
    {"each", (PyCFunction)Tally_each, METH_O, NULL},
    {"longest_key", (PyCFunction)Tally_longest_key, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Tally_getset[] = {
    {"total", (getter)Tally_get_total, NULL, "sum of all counts", NULL},
    {"name", (getter)Tally_get_name, (setter)Tally_set_name, NULL, NULL},
    {NULL},
};

static PyMemberDef Tally_members[] = {
    {"frozen", T_INT, offsetof(TallyObject, frozen), READONLY, NULL},
    {NULL},
};

static PyNumberMethods Tally_as_number = {
    .nb_add = Tally_add_op,
    .nb_bool = (inquiry)Tally_bool,
};

static PySequenceMethods Tally_as_sequence = {
    .sq_length = (lenfunc)Tally_length,
    .sq_contains = (objobjproc)Tally_contains,
};

static PyMappingMethods Tally_as_mapping = {
    .mp_length = (lenfunc)Tally_length,
    .mp_subscript = (binaryfunc)Tally_subscript,
};

static PyTypeObject TallyType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "tally.Tally",
    .tp_basicsize = sizeof(TallyObject),
    .tp_dealloc = (destructor)Tally_dealloc,
    .tp_repr = (reprfunc)Tally_repr,
    .tp_as_number = &Tally_as_number,
    .tp_as_sequence = &Tally_as_sequence,
    .tp_as_mapping = &Tally_as_mapping,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "A multiset.",
    .tp_traverse = (traverseproc)Tally_traverse,
    .tp_clear = (inquiry)Tally_clear,
    .tp_richcompare = Tally_richcompare,
    .tp_iter = (getiterfunc)Tally_iter,
    .tp_methods = Tally_methods,
    .tp_members = Tally_members,
    .tp_getset = Tally_getset,
    .tp_init = (initproc)Tally_init,
    .tp_new = Tally_new,
};

static PyTypeObject TallyIterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "tally.TallyIterator",
    .tp_basicsize = sizeof(TallyIterObject),
    .tp_dealloc = (destructor)TallyIter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)TallyIter_traverse,
    .tp_iter = TallyIter_iter,
    .tp_iternext = (iternextfunc)TallyIter_next,
};

static PyMethodDef tally_functions[] = {
    {"count_words", tally_count_words, METH_VARARGS, NULL},
    {"merge", tally_merge, METH_VARARGS, NULL},
    {"histogram", (PyCFunction)(void (*)(void))tally_histogram,
     METH_VARARGS | METH_KEYWORDS, NULL},
    {"version", tally_version, METH_NOARGS, NULL},
    {"safe_repr", tally_safe_repr, METH_O, NULL},
    {"first_truthy", tally_first_truthy, METH_O, NULL},
    {"pick", tally_pick, METH_VARARGS, NULL},
    {"join_keys", tally_join_keys, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

/* ------------------------------------------------------------------ */
/* Module initialisation (multi-phase)                                 */
/* ------------------------------------------------------------------ */

static int
add_type(PyObject *module, PyTypeObject *type, const char *name)
{
    if (PyType_Ready(type) < 0)
        return -1;
    Py_INCREF(type);
    if (PyModule_AddObject(module, name, (PyObject *)type) < 0) {
        Py_DECREF(type);
        return -1;
    }
    return 0;
}

static int
tally_exec(PyObject *module)
{
    if (add_type(module, &TallyType, "Tally") < 0)
        return -1;
    if (PyType_Ready(&TallyIterType) < 0)
        return -1;
    TallyError = PyErr_NewException("tally.Error", NULL, NULL);
    if (TallyError == NULL)
        return -1;
    if (PyModule_AddObjectRef(module, "Error", TallyError) < 0)
        return -1;
    empty_tuple = PyTuple_New(0);
    if (empty_tuple == NULL)
        return -1;
    str_most_common = PyUnicode_InternFromString("most_common");
    if (str_most_common == NULL)
        return -1;
    if (PyModule_AddIntConstant(module, "MAX_BUCKETS", 1000) < 0)
        return -1;
    PyObject *version = Py_BuildValue("(iii)", 1, 2, 0);
    if (version == NULL)
        return -1;
    if (PyModule_AddObject(module, "version_info", version) < 0) {
        Py_DECREF(version);
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot tally_slots[] = {
    {Py_mod_exec, tally_exec},
    {0, NULL},
};

static struct PyModuleDef tally_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "tally",
    .m_doc = "Counting things.",
    .m_size = 0,
    .m_methods = tally_functions,
    .m_slots = tally_slots,
};

PyMODINIT_FUNC
PyInit_tally(void)
{
    return PyModuleDef_Init(&tally_module);
}
