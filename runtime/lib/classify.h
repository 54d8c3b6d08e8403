//===- classify.h - Classify leaked Python objects --------------*- C++ -*-===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Leaked objects are classified when the leak is recorded (they are still
/// alive then), never when a report is printed (the interpreter may be gone).
///
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RUNTIME_LIB_CLASSIFY_H
#define PYREFLEAK_RUNTIME_LIB_CLASSIFY_H

#include <stdint.h>

namespace pyrefleak {
namespace rt {

enum class ObjectKind {
  Cached,      // cached or immortal: a leak costs no memory
  Heap,        // any other object
  Unclassified // no Python in this process
};

struct ObjectInfo {
  ObjectKind Kind;
  uint64_t HeapBytes;   // tp_basicsize + |ob_size| * tp_itemsize, for Heap
  const char *TypeName; // tp_name, borrowed; null when Unclassified
};

/// Looks up the Python C API dynamically, so that the runtime also loads in
/// processes without Python (their leaks stay unclassified).
void initClassifier();

/// Call with the object alive; reads the object and, for an int, its value.
ObjectInfo classifyObject(void *Object);

/// The Python code running in the calling thread: its function, file and
/// line (copied, truncated to the buffers).
struct PythonLocation {
  char Function[128];
  char File[512];
  uint32_t Line;
};

/// Fills \p Out with the innermost Python frame of the calling thread, if
/// it holds the GIL and runs Python code; false otherwise.
bool currentPythonLocation(PythonLocation &Out);

/// Has \p OnDealloc called with every object deallocated from now on,
/// where the interpreter reports deallocations (3.13+: PyRefTracer, chained
/// to a tracer already set); call with the GIL held. False where it
/// cannot (3.11, 3.12: nothing reports a deallocation to a library).
bool watchDeallocations(void (*OnDealloc)(void *Object));

} // namespace rt
} // namespace pyrefleak

#endif // PYREFLEAK_RUNTIME_LIB_CLASSIFY_H
