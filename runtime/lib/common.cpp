//===- common.cpp - Counted allocation ------------------------------------===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Allocation wrappers that count the bytes the runtime holds, so that the
/// "memory is O(sites + live obligations)" promise can be tested.
///
//===----------------------------------------------------------------------===//

#include "common.h"

#include <atomic>
#include <stdlib.h>

namespace pyrefleak {
namespace rt {

static std::atomic<size_t> AllocatedBytes{0};

void *allocate(size_t Size) {
  void *Ptr = malloc(Size);
  if (Ptr)
    AllocatedBytes.fetch_add(Size, std::memory_order_relaxed);
  return Ptr;
}

void *reallocate(void *Ptr, size_t OldSize, size_t NewSize) {
  void *NewPtr = realloc(Ptr, NewSize);
  if (!NewPtr)
    return nullptr;
  AllocatedBytes.fetch_add(NewSize - OldSize, std::memory_order_relaxed);
  return NewPtr;
}

void deallocate(void *Ptr, size_t Size) {
  if (!Ptr)
    return;
  free(Ptr);
  AllocatedBytes.fetch_sub(Size, std::memory_order_relaxed);
}

char *duplicateString(const char *Str) {
  size_t Size = strlen(Str) + 1;
  char *Copy = static_cast<char *>(allocate(Size));
  if (Copy)
    memcpy(Copy, Str, Size);
  return Copy;
}

void freeString(char *Str) {
  if (Str)
    deallocate(Str, strlen(Str) + 1);
}

size_t allocatedBytes() {
  return AllocatedBytes.load(std::memory_order_relaxed);
}

} // namespace rt
} // namespace pyrefleak
