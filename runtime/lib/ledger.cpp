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
/// frame held by the same variable (its owner, a number the instrumentation
/// gives each variable of a function), else the most recent one for the
/// object: two variables holding one cached object are told apart, so a
/// leak is counted against the site whose reference was not released.
/// Whatever is still open when a frame exits leaked.
///
/// The hooks run around every reference an extension touches, so their
/// common cases are a handful of instructions, inlined into instrumented
/// code by pyrefleak/instrument.h: an acquire is a push, and a release
/// usually discharges the newest reference of the frame. Those inline paths
/// read and write the leading fields of the ledger, whose layout is thus
/// part of the ABI (checked below against the header's). The functions
/// here implement each hook whole, for the cases the inline code leaves
/// out: a release of an older reference is found by scanning the top of
/// the frame.
///
/// Scanning must stay bounded: a function that leaks in a loop would make
/// every later release linear in the leaks so far. So a frame with more
/// than a few entries not yet indexed gets them indexed, lazily, in a
/// per-thread map from an object to its most recent open obligation, each
/// obligation linking to the previous one for the same object; a discharge
/// scans only the (short) unindexed top of the frame, then asks the map.
/// The index covers a prefix of the stack, Stack[0, Indexed); each entry is
/// indexed at most once between compactions, so the work is amortized O(1)
/// per obligation. Only the head of an object's chain is ever removed (a
/// discharge takes the most recent one; a frame exit pops from the top), so
/// the chain needs no other maintenance.
///
/// A discharged entry below a live one keeps its slot (a hole) until the
/// entries above it are gone. In a long loop that keeps a window of
/// references (`prev = cur; cur = next(); Py_DECREF(prev)`) holes pile up,
/// so the stack is compacted when they outnumber the live entries: memory
/// stays O(live obligations), and each compaction is paid for by the
/// discharges that made it necessary.
///
/// Nothing here locks: everything is thread-local until a frame leaks.
///
//===----------------------------------------------------------------------===//

#include "ledger.h"
#include "common.h"
#include "runtime.h"
#include "sites.h"

#include "pyrefleak/instrument.h"
#include "pyrefleak/interface.h"

#include <atomic>
#include <pthread.h>

namespace pyrefleak {
namespace rt {

struct FrameRecord {
  uint32_t Base;        // first obligation of the frame
  uint32_t PendingBase; // first pending steal of the frame
};

/// Invariants, which the hooks' fast paths rely on:
///  - Stack.Size == 0 and Base == 0 outside any frame (Frames.Size == 0);
///    inside, Base is the Base of the newest frame record;
///  - the newest entry of the stack is open (holes are popped with it);
///  - Indexed <= Stack.Size, and Heads maps each object with an open
///    obligation in Stack[0, Indexed) to the newest such one, whose PrevSame
///    links the older ones; PrevSame means nothing at or above Indexed;
///  - Holes counts the discharged entries still in Stack;
///  - Frames.Capacity != 0 only once the thread is registered (so the
///    runtime is initialized): frame entry checks nothing else.
/// The fields the inline hooks touch come first, in the header's layout.
struct ThreadLedger {
  Vector<Obligation> Stack;
  uint32_t Base = 0;    // first obligation of the current frame
  uint32_t Indexed = 0; // Stack[0, Indexed) is in Heads
  uint32_t Holes = 0;   // discharged entries below open ones
  Vector<FrameRecord> Frames;
  Vector<void *> Pending;     // objects of steals that wait for a call's result
  uint32_t Credits = 0;       // credit entries in Stack (see storeSlow)
  PointerMap<uint32_t> Heads; // object -> index of its newest open obligation
  bool Registered = false;    // buffers are freed at thread exit
};

#define PYREFLEAK_SAME_FIELD(CType, CField, Type, Field)                       \
  static_assert(offsetof(CType, CField) == offsetof(Type, Field) &&            \
                    sizeof(CType::CField) == sizeof(Type::Field),              \
                "pyrefleak/instrument.h disagrees on " #Type "::" #Field)
PYREFLEAK_SAME_FIELD(__pyrefleak_obligation, object, Obligation, Object);
PYREFLEAK_SAME_FIELD(__pyrefleak_obligation, site, Obligation, Site);
PYREFLEAK_SAME_FIELD(__pyrefleak_obligation, prev_same, Obligation, PrevSame);
PYREFLEAK_SAME_FIELD(__pyrefleak_obligation, owner, Obligation, Owner);
static_assert(sizeof(__pyrefleak_obligation) == sizeof(Obligation), "");
PYREFLEAK_SAME_FIELD(__pyrefleak_frame_record, base, FrameRecord, Base);
PYREFLEAK_SAME_FIELD(__pyrefleak_frame_record, pending_base, FrameRecord,
                     PendingBase);
static_assert(sizeof(__pyrefleak_frame_record) == sizeof(FrameRecord), "");
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, stack, ThreadLedger, Stack.Data);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, stack_size, ThreadLedger,
                     Stack.Size);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, stack_capacity, ThreadLedger,
                     Stack.Capacity);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, base, ThreadLedger, Base);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, indexed, ThreadLedger,
                     Indexed);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, holes, ThreadLedger, Holes);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, frames, ThreadLedger,
                     Frames.Data);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, frames_size, ThreadLedger,
                     Frames.Size);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, frames_capacity, ThreadLedger,
                     Frames.Capacity);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, pending, ThreadLedger,
                     Pending.Data);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, pending_size, ThreadLedger,
                     Pending.Size);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, pending_capacity,
                     ThreadLedger, Pending.Capacity);
PYREFLEAK_SAME_FIELD(__pyrefleak_thread_ledger, credits, ThreadLedger,
                     Credits);
#undef PYREFLEAK_SAME_FIELD
static_assert(sizeof(ThreadLedger) <= 128,
              "the ledger is in static TLS: see runtime/CMakeLists.txt");

/// The calling thread's ledger, which instrumented code finds through
/// __pyrefleak_runtime_v3(). Constant-initialized with a trivial
/// destructor, as __thread requires: no TLS init wrapper.
static __thread ThreadLedger Ledger;

/// Capacities above these are given back when a thread leaves its
/// outermost instrumented frame, so memory follows live obligations rather
/// than the largest frame ever seen.
static constexpr uint32_t KeptStackCapacity = 1024;
static constexpr uint32_t KeptMapCapacity = 2048;

/// The owner of a credit entry: a store that found no obligation for its
/// object in the frame, which the next Py_INCREF of that object in the
/// frame settles instead of opening one. No variable has this number, so
/// no discharge takes a credit.
static constexpr uint32_t CreditOwner = UINT32_MAX;

/// Unindexed entries of a frame a discharge scans before indexing them.
static constexpr uint32_t ScanLimit = 8;

/// Entries of one object's chain a discharge looks through for the record
/// of its variable (or a credit) before it settles for the newest: a frame
/// that leaks one cached object in a loop must not make releases linear.
static constexpr uint32_t ChainLimit = 64;

/// Holes tolerated below open entries before compacting.
static constexpr uint32_t CompactionSlack = 1024;

void releaseThreadLedger(void *Arg) {
  auto *L = static_cast<ThreadLedger *>(Arg);
  L->Stack.release();
  L->Frames.release();
  L->Pending.release();
  L->Heads.release();
  L->Base = L->Indexed = L->Holes = L->Credits = 0;
  // Hooks run by later thread-exit destructors register the thread again.
  L->Registered = false;
}

size_t liveObligations() { return Ledger.Stack.Size - Ledger.Holes; }

/// Removes the holes of every frame. The index is dropped with them, to be
/// rebuilt when a discharge needs it.
static void compact(ThreadLedger &L) {
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
  L.Base = L.Frames.Data[L.Frames.Size - 1].Base;
  L.Holes = 0;
  L.Indexed = 0;
  if (L.Heads.Count) {
    memset(L.Heads.Slots, 0,
           size_t(L.Heads.capacity()) * sizeof(*L.Heads.Slots));
    L.Heads.Count = 0;
  }
}

/// Pops Stack[I], the newest entry, once discharged, with the holes right
/// below it in the current frame. Indexed must be at most I.
static inline __attribute__((always_inline)) void popEntry(ThreadLedger &L,
                                                           uint32_t I) {
  Obligation *Data = L.Stack.Data;
  if (I > L.Base && !Data[I - 1].Object) {
    Obligation *Top = Data + I - 1, *Bottom = Data + L.Base;
    while (Top > Bottom && !Top[-1].Object)
      --Top;
    uint32_t NewSize = uint32_t(Top - Data);
    L.Holes -= I - NewSize;
    if (L.Indexed > NewSize)
      L.Indexed = NewSize;
    I = NewSize;
  }
  L.Stack.Size = I;
}

/// Discharges Stack[I], an open entry of the current frame that is not (or
/// no longer) in the index: pops it if it is the newest, and leaves a hole
/// otherwise.
static void removeEntry(ThreadLedger &L, uint32_t I) {
  if (I + 1 == L.Stack.Size) {
    if (L.Indexed > I)
      L.Indexed = I;
    return popEntry(L, I);
  }
  L.Stack.Data[I].Object = nullptr;
  uint32_t Holes = ++L.Holes;
  if (Holes > CompactionSlack && Holes > L.Stack.Size - Holes)
    compact(L);
}

/// Adds Stack[Indexed, Size) to the index. When memory runs out it stops
/// early; discharges then scan what is left, which is slow but exact.
static void indexEntries(ThreadLedger &L) {
  uint32_t I = L.Indexed;
  for (; I < L.Stack.Size; ++I) {
    Obligation &Entry = L.Stack.Data[I];
    if (!Entry.Object)
      continue;
    bool Inserted = false;
    uint32_t *Head = L.Heads.findOrInsert(Entry.Object, &Inserted);
    if (!Head)
      break;
    Entry.PrevSame = Inserted ? NoObligation : *Head;
    *Head = I;
  }
  L.Indexed = I;
}

/// Unlinks the open indexed entry Stack[I], the head of its object's chain.
static void unindex(ThreadLedger &L, uint32_t I) {
  Obligation &Entry = L.Stack.Data[I];
  if (Entry.PrevSame == NoObligation)
    L.Heads.erase(Entry.Object);
  else
    *L.Heads.find(Entry.Object) = Entry.PrevSame;
}

/// Unlinks the open indexed entry Stack[I] from anywhere in its chain.
static void unlink(ThreadLedger &L, uint32_t I) {
  Obligation *Data = L.Stack.Data;
  uint32_t J = *L.Heads.find(Data[I].Object);
  if (J == I)
    return unindex(L, I);
  while (Data[J].PrevSame != I)
    J = Data[J].PrevSame;
  Data[J].PrevSame = Data[I].PrevSame;
}

/// Discharges Stack[I], an open entry of the current frame.
static void take(ThreadLedger &L, uint32_t I) {
  if (I < L.Indexed)
    unlink(L, I);
  removeEntry(L, I);
}

/// The rest of discharge(): the current frame has more unindexed entries
/// than a discharge scans, or neither the object with Owner was among them
/// (Scanned; Fallback is the newest of them for the object, if any) and
/// the frame also has indexed entries. Returns whether it discharged one.
PYREFLEAK_NOINLINE static bool dischargeSlow(void *Object, uint32_t Owner,
                                             bool Scanned, uint32_t Fallback) {
  ThreadLedger &L = Ledger;
  uint32_t Base = L.Base;
  Obligation *Data = L.Stack.Data;
  if (!Scanned) {
    indexEntries(L);
    uint32_t Low = Base > L.Indexed ? Base : L.Indexed;
    for (uint32_t I = L.Stack.Size; I-- > Low;) {
      if (Data[I].Object != Object)
        continue;
      if (Data[I].Owner == Owner) {
        removeEntry(L, I);
        return true;
      }
      if (Fallback == NoObligation && Data[I].Owner != CreditOwner)
        Fallback = I;
    }
  }
  if (L.Indexed > Base) {
    uint32_t *Head = L.Heads.find(Object);
    uint32_t Steps = 0;
    for (uint32_t I = Head ? *Head : NoObligation;
         I != NoObligation && I >= Base && Steps++ < ChainLimit;
         I = Data[I].PrevSame) {
      if (Data[I].Owner == Owner) {
        take(L, I);
        return true;
      }
      if (Fallback == NoObligation && Data[I].Owner != CreditOwner)
        Fallback = I;
    }
  }
  if (Fallback == NoObligation)
    return false;
  take(L, Fallback);
  return true;
}

/// discharge() left the hole that makes the holes many.
PYREFLEAK_NOINLINE static void compactIfSparse() {
  ThreadLedger &L = Ledger;
  if (L.Holes > L.Stack.Size - L.Holes)
    compact(L);
}

/// Discharges the newest open obligation for Object held by Owner in the
/// current frame, else the newest for Object, if there is one; otherwise
/// the reference was borrowed or belongs to a caller, and there is nothing
/// to do. Returns whether it discharged one.
///
/// The common cases, inline: the object is among the last few unindexed
/// entries of the frame, most often the newest one.
static inline __attribute__((always_inline)) bool discharge(void *Object,
                                                            uint32_t Owner) {
  ThreadLedger &L = Ledger;
  uint32_t Size = L.Stack.Size;
  uint32_t Base = L.Base;
  if (!Object || Size == Base)
    return false;
  Obligation *Data = L.Stack.Data;
  uint32_t I = Size - 1;
  if (PYREFLEAK_LIKELY(Data[I].Object == Object && Data[I].Owner == Owner &&
                       I >= L.Indexed)) {
    popEntry(L, I);
    return true;
  }
  uint32_t Indexed = L.Indexed;
  uint32_t Low = Base > Indexed ? Base : Indexed;
  if (PYREFLEAK_UNLIKELY(Size - Low > ScanLimit))
    return dischargeSlow(Object, Owner, /*Scanned=*/false, NoObligation);
  uint32_t Fallback = NoObligation;
  for (uint32_t J = Size; J-- > Low;) {
    if (Data[J].Object != Object)
      continue;
    if (Data[J].Owner == Owner) {
      Fallback = J;
      break;
    }
    if (Fallback == NoObligation && Data[J].Owner != CreditOwner)
      Fallback = J;
  }
  bool Exact = Fallback != NoObligation && Data[Fallback].Owner == Owner;
  if (!Exact && PYREFLEAK_UNLIKELY(Indexed > Base))
    return dischargeSlow(Object, Owner, /*Scanned=*/true, Fallback);
  if (Fallback == NoObligation)
    return false;
  if (Fallback == I) {
    popEntry(L, I);
    return true;
  }
  // Below the newest entry: leave a hole.
  Data[Fallback].Object = nullptr;
  if (PYREFLEAK_UNLIKELY(++L.Holes > CompactionSlack))
    compactIfSparse();
  return true;
}

/// Counts the open obligations above Base as leaks and pops them.
static void closeObligations(ThreadLedger &L, uint32_t Base) {
  uint32_t Count = L.Stack.Size - Base;
  Obligation *Entries = L.Stack.Data + Base;
  bool Leaked = false;
  for (uint32_t I = Count; I-- > 0;) {
    if (!Entries[I].Object) {
      --L.Holes;
      continue;
    }
    // Popping from the top, an indexed entry heads its object's chain.
    if (Base + I < L.Indexed)
      unindex(L, Base + I);
    if (Entries[I].Owner == CreditOwner) {
      // A credit no Py_INCREF took: the store kept a borrowed reference.
      Entries[I].Object = nullptr;
      --L.Credits;
      continue;
    }
    Leaked = true;
  }
  if (Leaked)
    recordLeaks(Entries, Count);
  L.Stack.Size = Base;
  if (L.Indexed > Base)
    L.Indexed = Base;
}

/// Gives back capacities above the kept ones when the outermost frame exits.
PYREFLEAK_NOINLINE static void trimLedger(ThreadLedger &L) {
  if (L.Stack.Capacity > KeptStackCapacity)
    L.Stack.release();
  if (L.Heads.capacity() > KeptMapCapacity && L.Heads.Count == 0)
    L.Heads.release();
}

/// frame_exit of a frame with entries left (leaks, or holes below them), or
/// of the outermost frame.
PYREFLEAK_NOINLINE static void exitSlow(uint32_t Mark) {
  ThreadLedger &L = Ledger;
  FrameRecord Record = L.Frames.Data[Mark];
  if (L.Stack.Size > Record.Base)
    closeObligations(L, Record.Base);
  if (L.Pending.Size > Record.PendingBase)
    L.Pending.Size = Record.PendingBase;
  L.Frames.Size = Mark;
  L.Base = Mark ? L.Frames.Data[Mark - 1].Base : 0;
  if (!Mark && L.Stack.Capacity > KeptStackCapacity)
    trimLedger(L);
}

/// frame_enter when the frame stack is full, or was never allocated: the
/// thread's first frame initializes the runtime and registers the thread.
PYREFLEAK_NOINLINE static __pyrefleak_frame enterSlow() {
  ensureInitialized();
  ThreadLedger &L = Ledger;
  if (!L.Registered) {
    L.Registered = true;
    pthread_setspecific(threadExitKey(), &L);
  }
  __pyrefleak_frame Frame = {L.Frames.Size};
  if (PYREFLEAK_UNLIKELY(!L.Frames.push({L.Stack.Size, L.Pending.Size}))) {
    // Out of memory: this frame's obligations go to its caller's frame.
    noteDropped();
    Frame.mark = ~0UL;
    return Frame;
  }
  L.Base = L.Stack.Size;
  return Frame;
}

} // namespace rt
} // namespace pyrefleak

using namespace pyrefleak::rt;

static __pyrefleak_frame frameEnterSlow() {
  ThreadLedger &L = Ledger;
  uint32_t Depth = L.Frames.Size;
  if (PYREFLEAK_UNLIKELY(Depth == L.Frames.Capacity))
    return enterSlow();
  uint32_t Base = L.Stack.Size;
  L.Frames.Data[Depth] = {Base, L.Pending.Size};
  L.Frames.Size = Depth + 1;
  L.Base = Base;
  return {Depth};
}

static void frameExitSlow(__pyrefleak_frame *Frame) {
  ThreadLedger &L = Ledger;
  unsigned long Mark = Frame->mark;
  // Exiting a frame also closes any frame above it that a longjmp skipped;
  // a mark at or above the depth has already been closed that way.
  if (Mark >= L.Frames.Size)
    return;
  FrameRecord *Record = L.Frames.Data + Mark;
  if (L.Stack.Size != Record->Base)
    return exitSlow(uint32_t(Mark));
  L.Pending.Size = Record->PendingBase;
  L.Frames.Size = uint32_t(Mark);
  if (Mark) {
    L.Base = Record[-1].Base;
    return;
  }
  // The outermost frame: the stack is empty, and Base already 0.
  if (L.Stack.Capacity > KeptStackCapacity)
    trimLedger(L);
}

static void *acquireSlow(void *Object, const char *Site, unsigned Owner) {
  ThreadLedger &L = Ledger;
  if (!Object || !L.Frames.Size)
    return Object;
  // PrevSame is set if the entry is ever indexed.
  if (!L.Stack.push({Object, Site, NoObligation, Owner}))
    noteDropped();
  return Object;
}

static void *dischargeHook(void *Object, unsigned Owner) {
  (void)discharge(Object, Owner);
  return Object;
}

/// The credit entry of the current frame for Object, or NoObligation:
/// found as discharges find obligations (a short scan, then the index).
static uint32_t findCredit(ThreadLedger &L, void *Object) {
  uint32_t Base = L.Base;
  if (L.Stack.Size - (Base > L.Indexed ? Base : L.Indexed) > ScanLimit)
    indexEntries(L);
  Obligation *Data = L.Stack.Data;
  uint32_t Low = Base > L.Indexed ? Base : L.Indexed;
  for (uint32_t I = L.Stack.Size; I-- > Low;)
    if (Data[I].Object == Object && Data[I].Owner == CreditOwner)
      return I;
  if (L.Indexed <= Base)
    return NoObligation;
  uint32_t *Head = L.Heads.find(Object);
  uint32_t Steps = 0;
  for (uint32_t I = Head ? *Head : NoObligation;
       I != NoObligation && I >= Base && Steps++ < ChainLimit;
       I = Data[I].PrevSame)
    if (Data[I].Owner == CreditOwner)
      return I;
  return NoObligation;
}

/// A credit entry counts its credits in its Site field: one entry per
/// object and frame, so that a loop storing one borrowed object many times
/// keeps the object's chain short. Returns the new count.
static uintptr_t addCredits(Obligation &Entry, intptr_t Delta) {
  uintptr_t Count = reinterpret_cast<uintptr_t>(Entry.Site) + uintptr_t(Delta);
  Entry.Site = reinterpret_cast<const char *>(Count);
  return Count;
}

/// A store that found no obligation for Object in the frame leaves a
/// credit there for the Py_INCREF of Object that may follow.
static void *storeSlow(void *Object, unsigned Owner) {
  ThreadLedger &L = Ledger;
  if (!Object || !L.Frames.Size || discharge(Object, Owner))
    return Object;
  uint32_t I = findCredit(L, Object);
  if (I != NoObligation) {
    addCredits(L.Stack.Data[I], 1);
    return Object;
  }
  if (L.Stack.push({Object, nullptr, NoObligation, CreditOwner})) {
    addCredits(L.Stack.Data[L.Stack.Size - 1], 1);
    ++L.Credits;
  }
  return Object;
}

/// A Py_INCREF while some frame holds credits: one of the current frame's
/// for Object is settled, else the reference is acquired.
static void *retainSlow(void *Object, const char *Site, unsigned Owner) {
  ThreadLedger &L = Ledger;
  if (!Object || !L.Frames.Size)
    return Object;
  uint32_t I = findCredit(L, Object);
  if (I == NoObligation)
    return acquireSlow(Object, Site, Owner);
  if (addCredits(L.Stack.Data[I], -1) == 0) {
    take(L, I);
    --L.Credits;
  }
  return Object;
}

static void *stealPending(void *Object, const char *Site, unsigned Owner) {
  (void)Site;
  (void)Owner;
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
    (void)discharge(Object, 0);
}

static long settleStatus(long Status) {
  settle(Status >= 0);
  return Status;
}

static void *settleObject(void *Result) {
  settle(Result != nullptr);
  return Result;
}

static __pyrefleak_thread_ledger *ledgerAddress() {
  return reinterpret_cast<__pyrefleak_thread_ledger *>(&Ledger);
}

/// Each instrumented object asks once, from its constructor.
static std::atomic<size_t> InstrumentedObjects{0};

PYREFLEAK_INTERFACE size_t __pyrefleak_instrumented_objects() {
  return InstrumentedObjects.load(std::memory_order_relaxed);
}

PYREFLEAK_INTERFACE const __pyrefleak_runtime_table *__pyrefleak_runtime_v3() {
  InstrumentedObjects.fetch_add(1, std::memory_order_relaxed);
  static __pyrefleak_runtime_table Table = {
      0,           ledgerAddress, frameEnterSlow, frameExitSlow,
      acquireSlow, dischargeHook, storeSlow,      retainSlow,
      stealPending, settleStatus, settleObject};
  // Static TLS (initial-exec) is at one offset from every thread's pointer.
  Table.ledger_offset = reinterpret_cast<char *>(&Ledger) -
                        static_cast<char *>(__builtin_thread_pointer());
  return &Table;
}
