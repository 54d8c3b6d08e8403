// C++ using the C API: static_cast, nullptr, a lambda, and RAII owners
// (a class of its own and std::unique_ptr) that release in destructors.
#include <Python.h>
#include <memory>

namespace {
struct Ref {
  PyObject *Object;
  explicit Ref(PyObject *O) : Object(O) {}
  ~Ref() { Py_XDECREF(Object); }
};
} // namespace

static PyObject *leak(PyObject *, PyObject *) {
  PyObject *list = PyList_New(0);
  (void)list;
  Py_RETURN_NONE;
}

static PyObject *clean(PyObject *, PyObject *arg) {
  Ref owner(PyLong_FromLong(5));
  PyObject *t = PyTuple_New(1);
  if (t == nullptr)
    return nullptr;
  PyObject *item =
      static_cast<PyObject *>(PyLong_FromLong(PyLong_AsLong(arg)));
  PyTuple_SET_ITEM(t, 0, item);
  auto make = []() { return PyLong_FromLong(1); };
  PyObject *x = make();
  Py_DECREF(x);
  std::unique_ptr<PyObject, void (*)(PyObject *)> text(
      PyUnicode_FromString("a"), [](PyObject *o) { Py_DECREF(o); });
  return t;
}

static PyMethodDef methods[] = {{"leak", leak, METH_NOARGS, nullptr},
                                {"clean", clean, METH_O, nullptr},
                                {nullptr, nullptr, 0, nullptr}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cxxraii", nullptr,
                                    -1, methods};
PyMODINIT_FUNC PyInit_cxxraii(void) { return PyModule_Create(&module); }
