//===- sites.h - Per-site leak counters -------------------------*- C++ -*-===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The process-wide table of sites that leaked, keyed by the address of the
/// site descriptor literal. It is touched only on the leak path (under one
/// mutex) and by reports; its size is O(sites), never O(calls).
///
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RUNTIME_LIB_SITES_H
#define PYREFLEAK_RUNTIME_LIB_SITES_H

#include "common.h"
#include "stack.h"

#include <atomic>

namespace pyrefleak {
namespace rt {

/// An owned reference the current thread must still release, steal or
/// escape. A discharged entry below the top of the stack keeps its slot with
/// a null Object until the entries above it are gone. The inline hooks write
/// these: the layout is __pyrefleak_obligation's (pyrefleak/instrument.h).
struct Obligation {
  void *Object;
  const char *Site;
  uint32_t PrevSame; // once indexed: older open obligation for Object, or
                     // NoObligation (see ledger.cpp); set by the runtime
  uint32_t Owner;    // the frame's variable that holds it, 0 if none
};

constexpr uint32_t NoObligation = UINT32_MAX;

/// Distinct type names kept per site; rarer ones are lumped together.
constexpr uint32_t MaxTypesPerSite = 16;

struct TypeCount {
  const char *Name;
  uint64_t Count;
};

struct TypeCounts {
  TypeCount Types[MaxTypesPerSite];
  uint32_t Size;
  uint64_t Other; // references to types beyond MaxTypesPerSite

  /// Adds N references to type Name. When CopyName, a new name is copied
  /// (the type object may die before the report); otherwise it is borrowed.
  void add(const char *Name, uint64_t N, bool CopyName);
  /// Takes N references back from type Name (a refuted record).
  void remove(const char *Name, uint64_t N);
  /// Frees the names copied by add(..., true) and empties the list.
  void clearCopies();
};

/// Distinct Python callers kept per site, in the order they first leaked.
constexpr uint32_t MaxCallersPerSite = 8;

struct PythonCaller {
  const char *Function;
  const char *File;
  uint32_t Line;
  uint64_t Count;
};

/// The Python code that was running when a site's references leaked.
struct PythonCallers {
  PythonCaller Callers[MaxCallersPerSite];
  uint32_t Size;
  uint64_t Other; // references from callers beyond MaxCallersPerSite

  /// As TypeCounts::add, for one caller; returns its index, or
  /// MaxCallersPerSite when counted in Other.
  uint32_t add(const char *Function, const char *File, uint32_t Line,
               uint64_t N, bool CopyNames);
  /// Takes N references back from the caller at Index (a refuted record).
  void remove(uint32_t Index, uint64_t N);
  void clearCopies();
};

enum class StackState : uint8_t { Missing, Capturing, Captured };

struct SiteStats {
  const void *Key; // address of the descriptor literal
  char *Text;      // copy of the descriptor (its module may be unloaded)
  uint64_t Leaked;
  uint64_t Cached; // to cached or immortal objects
  uint64_t Heap;   // to other objects; the rest could not be classified
  uint64_t HeapBytes;
  TypeCounts Types;
  PythonCallers Callers;
  uintptr_t Stack[MaxStackDepth]; // [0] is in the function that leaked
  uint32_t StackSize;
  StackState State;
  uint64_t Refuted; // leaks whose object was deallocated (see sites.cpp)
};

/// Counts the leaks among Entries[0, Count); entries with a null Object were
/// discharged and are skipped. Captures a stack for a site's first leak.
void recordLeaks(const Obligation *Entries, uint32_t Count);

/// References recorded as leaked whose object was then deallocated, which
/// proves the records wrong (3.13+; 0 where deallocations are not seen).
uint64_t refutedCount();
/// Whether deallocations are seen, so that records can be refuted.
bool refutationActive();

/// Notes an event the ledger could not record (out of memory), so that
/// reports can say their counts are incomplete.
void noteDropped();
uint64_t droppedCount();

/// Guards every SiteStats and the list below.
Mutex &sitesMutex();
/// Every site that ever leaked, in first-leak order; hold sitesMutex().
const Vector<SiteStats *> &allSites();
size_t siteCount();

/// pthread_atfork handlers: a consistent table in the child, whose counters
/// start from zero so that each process reports only its own leaks.
void sitesPrepareFork();
void sitesParentAfterFork();
void sitesChildAfterFork();

} // namespace rt
} // namespace pyrefleak

#endif // PYREFLEAK_RUNTIME_LIB_SITES_H
