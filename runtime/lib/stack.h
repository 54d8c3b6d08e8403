//===- stack.h - Stack capture and symbolization ----------------*- C++ -*-===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Stacks are captured with backtrace() on a site's first leak only, and
/// symbolized when a report is printed.
///
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RUNTIME_LIB_STACK_H
#define PYREFLEAK_RUNTIME_LIB_STACK_H

#include <stddef.h>
#include <stdint.h>

namespace pyrefleak {
namespace rt {

constexpr unsigned MaxStackDepth = 32;

/// Fills Out with up to Max return addresses, from the instrumented
/// function whose frame is being closed (where it calls the runtime) out to
/// its callers; the runtime's own frames are skipped. Returns the number
/// stored.
unsigned captureStack(uintptr_t *Out, unsigned Max);

/// Describes return address Pc as "in function file:line:col" with
/// __sanitizer_symbolize_pc when a sanitizer runtime is loaded, otherwise
/// as "in symbol+0xoff (module+0xoff)" from dladdr.
void describePc(uintptr_t Pc, char *Buf, size_t Size);

} // namespace rt
} // namespace pyrefleak

#endif // PYREFLEAK_RUNTIME_LIB_STACK_H
