//===- classify.cpp - Classify leaked Python objects ----------------------===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Only the layout 3.11 to 3.13 share is read directly (reference count,
/// type, ob_size, the type's name, flags and sizes), so one build serves
/// each of them; the exported Python functions used are looked up with
/// dlsym, so the library has no link-time dependency on libpython. Which
/// objects count as cached is data: cached_objects.inc, generated from
/// rules/cpython/cached.yaml by pyrefleak-rules --emit-cached-table.
///
//===----------------------------------------------------------------------===//

#include "classify.h"

#include <Python.h>
#include <dlfcn.h>
#include <string.h>

namespace pyrefleak {
namespace rt {

namespace {
enum class CachedKind {
  AnyInstance,
  IntRange,
  MaxSize,
  MaxLengthCodePoint,
  Immortal
};

struct CachedRule {
  const char *TypeName; // "*" matches every type
  CachedKind Kind;
  long long A;
  long long B;
};

struct PythonApi {
  bool Present;
  long (*AsLongAndOverflow)(PyObject *, int *);
  Py_ssize_t (*UnicodeGetLength)(PyObject *);
  Py_UCS4 (*UnicodeReadChar)(PyObject *, Py_ssize_t);
  unsigned long Version; // PY_VERSION_HEX of the running interpreter
  // Where the Python code that leaked is (all exported since 3.9).
  int (*GILStateCheck)();
  PyFrameObject *(*GetFrame)();
  PyCodeObject *(*FrameGetCode)(PyFrameObject *);
  int (*FrameGetLineNumber)(PyFrameObject *);
  PyObject *(*GetAttrString)(PyObject *, const char *);
  const char *(*AsUTF8)(PyObject *);
  void (*DecRef)(PyObject *);
  void (*ErrFetch)(PyObject **, PyObject **, PyObject **);
  void (*ErrRestore)(PyObject *, PyObject *, PyObject *);
};

// PyRefTracer (3.13+), declared here: the runtime is built against the
// oldest headers it supports.
enum RefTracerEvent { RefTracerCreate = 0, RefTracerDestroy = 1 };
using RefTracer = int (*)(PyObject *, int, void *);
} // namespace

static const CachedRule CachedRules[] = {
#define PYREFLEAK_CACHED(TypeName, Kind, A, B)                                 \
  {TypeName, CachedKind::Kind, A, B},
#include "cached_objects.inc"
#undef PYREFLEAK_CACHED
};

static PythonApi Api;

void initClassifier() {
  // Every CPython exports Py_IsInitialized; without it the pointers passed
  // to the hooks are not Python objects and must not be read.
  if (!dlsym(RTLD_DEFAULT, "Py_IsInitialized"))
    return;
  Api.AsLongAndOverflow = reinterpret_cast<long (*)(PyObject *, int *)>(
      dlsym(RTLD_DEFAULT, "PyLong_AsLongAndOverflow"));
  Api.UnicodeGetLength = reinterpret_cast<Py_ssize_t (*)(PyObject *)>(
      dlsym(RTLD_DEFAULT, "PyUnicode_GetLength"));
  Api.UnicodeReadChar = reinterpret_cast<Py_UCS4 (*)(PyObject *, Py_ssize_t)>(
      dlsym(RTLD_DEFAULT, "PyUnicode_ReadChar"));
  // Py_Version appeared in 3.11; older interpreters match the headers.
  const auto *Version =
      static_cast<const unsigned long *>(dlsym(RTLD_DEFAULT, "Py_Version"));
  Api.Version = Version ? *Version : PY_VERSION_HEX;
  Api.GILStateCheck =
      reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "PyGILState_Check"));
  Api.GetFrame = reinterpret_cast<PyFrameObject *(*)()>(
      dlsym(RTLD_DEFAULT, "PyEval_GetFrame"));
  Api.FrameGetCode = reinterpret_cast<PyCodeObject *(*)(PyFrameObject *)>(
      dlsym(RTLD_DEFAULT, "PyFrame_GetCode"));
  Api.FrameGetLineNumber = reinterpret_cast<int (*)(PyFrameObject *)>(
      dlsym(RTLD_DEFAULT, "PyFrame_GetLineNumber"));
  Api.GetAttrString = reinterpret_cast<PyObject *(*)(PyObject *, const char *)>(
      dlsym(RTLD_DEFAULT, "PyObject_GetAttrString"));
  Api.AsUTF8 = reinterpret_cast<const char *(*)(PyObject *)>(
      dlsym(RTLD_DEFAULT, "PyUnicode_AsUTF8"));
  Api.DecRef =
      reinterpret_cast<void (*)(PyObject *)>(dlsym(RTLD_DEFAULT, "Py_DecRef"));
  Api.ErrFetch = reinterpret_cast<void (*)(PyObject **, PyObject **,
                                           PyObject **)>(
      dlsym(RTLD_DEFAULT, "PyErr_Fetch"));
  Api.ErrRestore =
      reinterpret_cast<void (*)(PyObject *, PyObject *, PyObject *)>(
          dlsym(RTLD_DEFAULT, "PyErr_Restore"));
  Api.Present = true;
}

/// Copies the str attribute \p Name of \p Code into \p Buf.
static void copyAttribute(PyObject *Code, const char *Name, char *Buf,
                          size_t Size) {
  Buf[0] = '\0';
  PyObject *Value = Api.GetAttrString(Code, Name);
  if (!Value)
    return;
  if (const char *Text = Api.AsUTF8(Value)) {
    strncpy(Buf, Text, Size - 1);
    Buf[Size - 1] = '\0';
  }
  Api.DecRef(Value);
}

static RefTracer PreviousTracer;
static void *PreviousTracerData;
static void (*DeallocHandler)(void *);

static int onRefEvent(PyObject *Object, int Event, void *) {
  if (Event == RefTracerDestroy)
    DeallocHandler(Object);
  return PreviousTracer ? PreviousTracer(Object, Event, PreviousTracerData)
                        : 0;
}

bool watchDeallocations(void (*OnDealloc)(void *Object)) {
  if (DeallocHandler)
    return true;
  if (!Api.Present || !Api.GILStateCheck || !Api.GILStateCheck())
    return false;
  auto *Set = reinterpret_cast<int (*)(RefTracer, void *)>(
      dlsym(RTLD_DEFAULT, "PyRefTracer_SetTracer"));
  auto *Get = reinterpret_cast<RefTracer (*)(void **)>(
      dlsym(RTLD_DEFAULT, "PyRefTracer_GetTracer"));
  if (!Set || !Get)
    return false;
  PreviousTracer = Get(&PreviousTracerData);
  DeallocHandler = OnDealloc;
  if (Set(onRefEvent, nullptr) < 0) {
    DeallocHandler = nullptr;
    return false;
  }
  return true;
}

bool currentPythonLocation(PythonLocation &Out) {
  if (!Api.Present || !Api.GILStateCheck || !Api.GetFrame ||
      !Api.FrameGetCode || !Api.FrameGetLineNumber || !Api.GetAttrString ||
      !Api.AsUTF8 || !Api.DecRef || !Api.ErrFetch || !Api.ErrRestore ||
      !Api.GILStateCheck())
    return false;
  PyFrameObject *Frame = Api.GetFrame();
  if (!Frame)
    return false;
  // A leak is often on an error path: the exception set stays as it was.
  PyObject *Type, *Value, *Traceback;
  Api.ErrFetch(&Type, &Value, &Traceback);
  PyCodeObject *Code = Api.FrameGetCode(Frame);
  if (Code) {
    copyAttribute(reinterpret_cast<PyObject *>(Code), "co_qualname",
                  Out.Function, sizeof(Out.Function));
    if (!Out.Function[0])
      copyAttribute(reinterpret_cast<PyObject *>(Code), "co_name",
                    Out.Function, sizeof(Out.Function));
    copyAttribute(reinterpret_cast<PyObject *>(Code), "co_filename", Out.File,
                  sizeof(Out.File));
    Api.DecRef(reinterpret_cast<PyObject *>(Code));
  }
  Out.Line = uint32_t(Api.FrameGetLineNumber(Frame));
  // Also clears what a missing attribute raised (co_qualname before 3.11).
  Api.ErrRestore(Type, Value, Traceback);
  return Code != nullptr;
}

/// Through the exported functions: the inline accessors read a str's
/// characters at offsets that changed in 3.12 (PEP 623 removed wstr).
static bool isShortNarrowString(PyObject *Obj, long long MaxLength,
                                long long MaxCodePoint) {
  if (!Api.UnicodeGetLength || !Api.UnicodeReadChar)
    return false;
  Py_ssize_t Length = Api.UnicodeGetLength(Obj);
  if (Length < 0 || Length > MaxLength)
    return false;
  for (Py_ssize_t I = 0; I < Length; ++I)
    if (Api.UnicodeReadChar(Obj, I) > Py_UCS4(MaxCodePoint))
      return false;
  return true;
}

/// The items a variable-size object holds, as its __sizeof__ counts them.
/// From 3.12 an int keeps its digit count above three flag bits of lv_tag,
/// where ob_size was, and always has room for one digit.
static uint64_t itemCount(PyObject *Obj, PyTypeObject *Type) {
  Py_ssize_t Size = Py_SIZE(Obj);
  if (Api.Version >= 0x030C0000 &&
      (Type->tp_flags & Py_TPFLAGS_LONG_SUBCLASS)) {
    uint64_t Digits = uint64_t(size_t(Size) >> 3);
    return Digits ? Digits : 1;
  }
  return uint64_t(Size < 0 ? -Size : Size);
}

static bool typeMatches(const CachedRule &Rule, PyTypeObject *Type) {
  if (!strcmp(Rule.TypeName, "*"))
    return true;
  // A heap type may borrow a builtin's name; only the builtin is cached.
  return !(Type->tp_flags & Py_TPFLAGS_HEAPTYPE) &&
         !strcmp(Type->tp_name, Rule.TypeName);
}

static bool matchesRule(const CachedRule &Rule, PyObject *Obj) {
  switch (Rule.Kind) {
  case CachedKind::AnyInstance:
    return true;
  case CachedKind::IntRange: {
    if (!Api.AsLongAndOverflow)
      return false;
    int Overflow = 0;
    long Value = Api.AsLongAndOverflow(Obj, &Overflow);
    return !Overflow && Value >= Rule.A && Value <= Rule.B;
  }
  case CachedKind::MaxSize:
    return Py_SIZE(Obj) <= Rule.A;
  case CachedKind::MaxLengthCodePoint:
    return isShortNarrowString(Obj, Rule.A, Rule.B);
  case CachedKind::Immortal:
    // 3.12+ marks immortal objects by a negative low 32-bit refcount.
    return Api.Version >= static_cast<unsigned long>(Rule.A) &&
           static_cast<int32_t>(static_cast<uint32_t>(Obj->ob_refcnt)) < 0;
  }
  return false;
}

static bool isCached(PyObject *Obj, PyTypeObject *Type) {
  for (const CachedRule &Rule : CachedRules)
    if (typeMatches(Rule, Type) && matchesRule(Rule, Obj))
      return true;
  return false;
}

ObjectInfo classifyObject(void *Object) {
  if (!Api.Present)
    return {ObjectKind::Unclassified, 0, nullptr};
  PyObject *Obj = static_cast<PyObject *>(Object);
  PyTypeObject *Type = Py_TYPE(Obj);
  if (isCached(Obj, Type))
    return {ObjectKind::Cached, 0, Type->tp_name};
  uint64_t Bytes = uint64_t(Type->tp_basicsize);
  if (Type->tp_itemsize)
    Bytes += itemCount(Obj, Type) * uint64_t(Type->tp_itemsize);
  return {ObjectKind::Heap, Bytes, Type->tp_name};
}

} // namespace rt
} // namespace pyrefleak
