//===- runtime.h - Runtime initialization -----------------------*- C++ -*-===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Lazy, once-only initialization (options, suppressions, the Python API,
/// fork and exit handlers) on the first hook or API call: the runtime has
/// no global constructors.
///
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RUNTIME_LIB_RUNTIME_H
#define PYREFLEAK_RUNTIME_LIB_RUNTIME_H

#include "common.h"

#include <atomic>
#include <sys/types.h>

namespace pyrefleak {
namespace rt {

extern std::atomic<bool> Initialized;

void initialize();

inline void ensureInitialized() {
  if (PYREFLEAK_UNLIKELY(!Initialized.load(std::memory_order_acquire)))
    initialize();
}

/// Key whose destructor frees a thread's ledger when the thread exits.
pthread_key_t threadExitKey();

/// The pid that initialized the runtime; another pid is a forked child.
pid_t initialPid();

} // namespace rt
} // namespace pyrefleak

#endif // PYREFLEAK_RUNTIME_LIB_RUNTIME_H
