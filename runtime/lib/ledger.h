//===- ledger.h - Per-thread obligation ledgers -----------------*- C++ -*-===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// What the rest of the runtime needs from the thread-local ledgers; the
/// hooks themselves are the extern "C" functions of instrument.h.
///
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RUNTIME_LIB_LEDGER_H
#define PYREFLEAK_RUNTIME_LIB_LEDGER_H

#include <stddef.h>

namespace pyrefleak {
namespace rt {

/// Open obligations of the calling thread.
size_t liveObligations();

/// Thread-exit destructor: frees the buffers of the exiting thread's ledger.
void releaseThreadLedger(void *Ledger);

} // namespace rt
} // namespace pyrefleak

#endif // PYREFLEAK_RUNTIME_LIB_LEDGER_H
