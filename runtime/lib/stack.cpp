//===- stack.cpp - Stack capture and symbolization ------------------------===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// backtrace() unwinds with the binaries' unwind tables, so it works in a
/// Python built without frame pointers. Symbolization prefers a sanitizer
/// runtime's symbolizer (it knows static functions and lines); dladdr only
/// sees dynamic symbols, so its answer carries the module offset too.
///
//===----------------------------------------------------------------------===//

#include "stack.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <stdio.h>

// Provided by a sanitizer runtime when one is loaded into the process.
extern "C" __attribute__((weak)) void
__sanitizer_symbolize_pc(void *Pc, const char *Format, char *Buf, size_t Size);

namespace pyrefleak {
namespace rt {

static const void *moduleBase(const void *Pc) {
  Dl_info Info;
  if (!dladdr(Pc, &Info))
    return nullptr;
  return Info.dli_fbase;
}

unsigned captureStack(uintptr_t *Out, unsigned Max) {
  // Room for the runtime's own frames on top of the ones kept.
  void *Frames[MaxStackDepth + 8];
  int Count = backtrace(Frames, int(MaxStackDepth + 8));
  const void *Self = moduleBase(reinterpret_cast<void *>(&captureStack));
  int I = 0;
  while (I < Count && moduleBase(Frames[I]) == Self)
    ++I;
  unsigned Stored = 0;
  for (; I < Count && Stored < Max; ++I)
    Out[Stored++] = reinterpret_cast<uintptr_t>(Frames[I]);
  return Stored;
}

void describePc(uintptr_t Pc, char *Buf, size_t Size) {
  if (!Size)
    return;
  Buf[0] = '\0';
  if (&__sanitizer_symbolize_pc) {
    __sanitizer_symbolize_pc(reinterpret_cast<void *>(Pc), "%F %L", Buf, Size);
    if (Buf[0])
      return;
  }
  Dl_info Info;
  // Pc is a return address: look up the call instruction before it.
  if (!dladdr(reinterpret_cast<void *>(Pc - 1), &Info) || !Info.dli_fname) {
    snprintf(Buf, Size, "(<unknown module>)");
    return;
  }
  unsigned long ModuleOffset = Pc - reinterpret_cast<uintptr_t>(Info.dli_fbase);
  if (!Info.dli_sname) {
    snprintf(Buf, Size, "(%s+0x%lx)", Info.dli_fname, ModuleOffset);
    return;
  }
  unsigned long SymbolOffset = Pc - reinterpret_cast<uintptr_t>(Info.dli_saddr);
  snprintf(Buf, Size, "in %s+0x%lx (%s+0x%lx)", Info.dli_sname, SymbolOffset,
           Info.dli_fname, ModuleOffset);
}

} // namespace rt
} // namespace pyrefleak
