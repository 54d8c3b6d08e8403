//===- ledger.cpp - The instrumentation hooks -----------------------------===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Each thread keeps its open obligations on a stack partitioned into the
/// frames of the instrumented calls in progress. A release, steal or escape
/// discharges the most recent open obligation for its object in the current
/// frame; whatever is still open when a frame exits leaked.
///
/// Finding "the most recent obligation for this object" must not scan the
/// frame: a function that leaks in a loop would make every later release
/// linear in the leaks so far. A per-thread map from an object to its most
/// recent open obligation, with each obligation linking to the previous one
/// for the same object, answers in O(1). Only the head of an object's chain
/// is ever removed (a release takes the most recent one; a frame exit pops
/// from the top), so the chain needs no other maintenance.
///
/// A discharged entry below a live one keeps its slot until the entries
/// above it are gone. In a long loop that keeps a window of references
/// (`prev = cur; cur = next(); Py_DECREF(prev)`) such entries pile up, so
/// the stack is compacted when they outnumber the live ones: memory stays
/// O(live obligations), and each compaction is paid for by the discharges
/// that made it necessary.
///
/// Nothing here locks: everything is thread-local until a frame leaks.
///
//===----------------------------------------------------------------------===//

#include "ledger.h"
#include "common.h"
#include "runtime.h"
#include "sites.h"

#include "pyrefleak/instrument.h"

#include <pthread.h>

namespace pyrefleak {
namespace rt {

namespace {
struct FrameRecord {
  uint32_t Base;        // first obligation of the frame
  uint32_t PendingBase; // first pending steal of the frame
};

struct ThreadLedger {
  Vector<Obligation> Stack;
  Vector<FrameRecord> Frames;
  Vector<void *> Pending;     // objects of steals that wait for a call's result
  PointerMap<uint32_t> Heads; // object -> index of its newest open obligation
  uint32_t Live = 0;          // open (not discharged) obligations
  bool Registered = false;    // buffers are freed at thread exit
};
} // namespace

/// Constant-initialized with a trivial destructor: no TLS init wrapper.
static thread_local ThreadLedger Ledger;

/// Capacities above these are given back when a thread leaves its
/// outermost instrumented frame, so memory follows live obligations rather
/// than the largest frame ever seen.
static constexpr uint32_t KeptStackCapacity = 1024;
static constexpr uint32_t KeptMapCapacity = 2048;

PYREFLEAK_NOINLINE static void registerThread(ThreadLedger &L) {
  L.Registered = true;
  pthread_setspecific(threadExitKey(), &L);
}

void releaseThreadLedger(void *Arg) {
  auto *L = static_cast<ThreadLedger *>(Arg);
  L->Stack.release();
  L->Frames.release();
  L->Pending.release();
  L->Heads.release();
  L->Live = 0;
  // Hooks run by later thread-exit destructors register the thread again.
  L->Registered = false;
}

size_t liveObligations() { return Ledger.Live; }

static uint32_t currentBase(const ThreadLedger &L) {
  return L.Frames.Data[L.Frames.Size - 1].Base;
}

/// Removes the discharged entries of every frame, then rebuilds the object
/// chains (each entry links to the previous live one for its object).
PYREFLEAK_NOINLINE static void compact(ThreadLedger &L) {
  uint32_t Kept = 0;
  FrameRecord *Frame = L.Frames.begin();
  for (uint32_t I = 0; I < L.Stack.Size; ++I) {
    // Frame bases never decrease up the frame stack.
    for (; Frame != L.Frames.end() && Frame->Base == I; ++Frame)
      Frame->Base = Kept;
    if (L.Stack.Data[I].Object)
      L.Stack.Data[Kept++] = L.Stack.Data[I];
  }
  for (; Frame != L.Frames.end(); ++Frame)
    Frame->Base = Kept;
  L.Stack.Size = Kept;
  memset(L.Heads.Slots, 0, size_t(L.Heads.capacity()) * sizeof(*L.Heads.Slots));
  L.Heads.Count = 0;
  for (uint32_t I = 0; I < Kept; ++I) {
    Obligation &Entry = L.Stack.Data[I];
    bool Inserted = false;
    // Cannot fail: the map already held every one of these objects.
    uint32_t *Head = L.Heads.findOrInsert(Entry.Object, &Inserted);
    Entry.PrevSame = Inserted ? NoObligation : *Head;
    *Head = I;
  }
}

/// Discharged entries tolerated below live ones before compacting.
static constexpr uint32_t CompactionSlack = 1024;

/// Discharges the newest open obligation for Object in the current frame,
/// if there is one; otherwise the reference was borrowed or belongs to a
/// caller, and there is nothing to do.
static void discharge(void *Object) {
  ThreadLedger &L = Ledger;
  if (!Object || !L.Live || !L.Frames.Size)
    return;
  uint32_t *Head = L.Heads.find(Object);
  if (!Head || *Head < currentBase(L))
    return;
  Obligation &Entry = L.Stack.Data[*Head];
  if (Entry.PrevSame == NoObligation)
    L.Heads.erase(Object);
  else
    *Head = Entry.PrevSame;
  Entry.Object = nullptr;
  --L.Live;
  // Drop discharged entries from the top; ones below a live entry wait.
  uint32_t Base = currentBase(L);
  while (L.Stack.Size > Base && !L.Stack.Data[L.Stack.Size - 1].Object)
    --L.Stack.Size;
  uint32_t Discharged = L.Stack.Size - L.Live;
  if (PYREFLEAK_UNLIKELY(Discharged > CompactionSlack && Discharged > L.Live))
    compact(L);
}

/// Counts the open obligations above Base as leaks and pops them.
PYREFLEAK_NOINLINE static void closeObligations(ThreadLedger &L,
                                                uint32_t Base) {
  uint32_t Count = L.Stack.Size - Base;
  Obligation *Entries = L.Stack.Data + Base;
  bool Leaked = false;
  for (uint32_t I = Count; I-- > 0;) {
    Obligation &Entry = Entries[I];
    if (!Entry.Object)
      continue;
    Leaked = true;
    // Popping from the top, Entry is the head of its object's chain.
    if (Entry.PrevSame == NoObligation)
      L.Heads.erase(Entry.Object);
    else
      *L.Heads.find(Entry.Object) = Entry.PrevSame;
    --L.Live;
  }
  if (Leaked)
    recordLeaks(Entries, Count);
  L.Stack.Size = Base;
}

PYREFLEAK_NOINLINE static void trimLedger(ThreadLedger &L) {
  if (L.Stack.Capacity > KeptStackCapacity)
    L.Stack.release();
  if (L.Heads.capacity() > KeptMapCapacity && L.Heads.Count == 0)
    L.Heads.release();
}

} // namespace rt
} // namespace pyrefleak

using namespace pyrefleak::rt;

PYREFLEAK_INTERFACE const int __pyrefleak_abi_v1 = 1;

PYREFLEAK_INTERFACE __pyrefleak_frame __pyrefleak_frame_enter(const int *Abi) {
  (void)Abi;
  ensureInitialized();
  ThreadLedger &L = Ledger;
  if (PYREFLEAK_UNLIKELY(!L.Registered))
    registerThread(L);
  __pyrefleak_frame Frame = {L.Frames.Size};
  if (PYREFLEAK_UNLIKELY(!L.Frames.push({L.Stack.Size, L.Pending.Size}))) {
    // Out of memory: this frame's obligations go to its caller's frame.
    noteDropped();
    Frame.mark = ~0UL;
  }
  return Frame;
}

PYREFLEAK_INTERFACE void __pyrefleak_frame_exit(__pyrefleak_frame *Frame) {
  ThreadLedger &L = Ledger;
  unsigned long Mark = Frame->mark;
  // Exiting a frame also closes any frame above it that a longjmp skipped;
  // a mark at or above the depth has already been closed that way.
  if (Mark >= L.Frames.Size)
    return;
  FrameRecord Record = L.Frames.Data[Mark];
  if (L.Stack.Size > Record.Base)
    closeObligations(L, Record.Base);
  if (L.Pending.Size > Record.PendingBase)
    L.Pending.Size = Record.PendingBase;
  L.Frames.Size = uint32_t(Mark);
  if (PYREFLEAK_UNLIKELY(Mark == 0 && L.Stack.Capacity > KeptStackCapacity))
    trimLedger(L);
}

PYREFLEAK_INTERFACE void *__pyrefleak_acquire(void *Object, const char *Site) {
  ThreadLedger &L = Ledger;
  if (!Object || !L.Frames.Size)
    return Object;
  bool Inserted = false;
  uint32_t *Head = L.Heads.findOrInsert(Object, &Inserted);
  if (PYREFLEAK_UNLIKELY(!Head)) {
    noteDropped();
    return Object;
  }
  Obligation Entry = {Object, Site, __builtin_return_address(0),
                      Inserted ? NoObligation : *Head};
  if (PYREFLEAK_UNLIKELY(!L.Stack.push(Entry))) {
    if (Inserted)
      L.Heads.erase(Object);
    noteDropped();
    return Object;
  }
  *Head = L.Stack.Size - 1;
  ++L.Live;
  return Object;
}

PYREFLEAK_INTERFACE void *__pyrefleak_release(void *Object, const char *Site) {
  (void)Site;
  discharge(Object);
  return Object;
}

PYREFLEAK_INTERFACE void *__pyrefleak_steal(void *Object, const char *Site) {
  (void)Site;
  discharge(Object);
  return Object;
}

PYREFLEAK_INTERFACE void *__pyrefleak_escape(void *Object, const char *Site) {
  (void)Site;
  discharge(Object);
  return Object;
}

PYREFLEAK_INTERFACE void *__pyrefleak_steal_pending(void *Object,
                                                    const char *Site) {
  (void)Site;
  ThreadLedger &L = Ledger;
  // Pushed even for NULL so that every settle pops its own entry.
  if (L.Frames.Size && !L.Pending.push(Object))
    noteDropped();
  return Object;
}

/// Pops the newest pending steal and discharges it when the call succeeded.
static void settle(bool Succeeded) {
  ThreadLedger &L = Ledger;
  if (!L.Frames.Size ||
      L.Pending.Size <= L.Frames.Data[L.Frames.Size - 1].PendingBase)
    return;
  void *Object = L.Pending.Data[--L.Pending.Size];
  if (Succeeded)
    discharge(Object);
}

PYREFLEAK_INTERFACE long __pyrefleak_settle_status(long Status) {
  settle(Status >= 0);
  return Status;
}

PYREFLEAK_INTERFACE void *__pyrefleak_settle_object(void *Result) {
  settle(Result != nullptr);
  return Result;
}
