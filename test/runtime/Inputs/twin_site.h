/* One instrumented function compiled into two modules (twin_a, twin_b):
 * the same site text at two addresses, which reports must merge. */
static PyObject *twin_leak(PyObject *self, PyObject *arg) {
  PRL_FRAME;
  long n = PyLong_AsLong(arg);
  for (long i = 0; i < n; i++)
    (void)PRL_NEW("twin_leak", "PyLong_FromLong", PyLong_FromLong(i)); /* SITE:twin */
  Py_RETURN_NONE;
}

static PyMethodDef twin_methods[] = {{"leak", twin_leak, METH_O, NULL},
                                     {NULL, NULL, 0, NULL}};
