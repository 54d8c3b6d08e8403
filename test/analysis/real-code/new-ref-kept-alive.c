// False class 'new reference to an object its argument keeps alive':
// PyFrame_GetCode and PyFrame_GetBack return strong references to objects
// the frame itself holds, so releasing that reference and using the object
// while the frame lives is the borrowing idiom of pythoncapi_compat.h
// (_PyFrame_GetCodeBorrow, _PyFrame_GetBackBorrow), which bitarray,
// zstandard and many other extensions vendor.
// XFAIL: *
// RUN: %clang_verify %s
// expected-no-diagnostics
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>

static PyCodeObject *frame_code_borrowed(PyFrameObject *frame) {
  PyCodeObject *code = PyFrame_GetCode(frame);
  Py_DECREF(code);
  return code;
}

static PyFrameObject *frame_back_borrowed(PyFrameObject *frame) {
  PyFrameObject *back = PyFrame_GetBack(frame);
  Py_XDECREF(back);
  return back;
}

PyCodeObject *(*keep_code)(PyFrameObject *) = frame_code_borrowed;
PyFrameObject *(*keep_back)(PyFrameObject *) = frame_back_borrowed;
