//===- sites.cpp - Per-site leak counters ---------------------------------===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// One lock acquisition per frame exit that leaks, whatever the number of
/// leaks in it. Site records are allocated once and never move, so a stack
/// can be captured outside the lock and attached afterwards.
///
//===----------------------------------------------------------------------===//

#include "sites.h"
#include "classify.h"
#include "flags.h"

namespace pyrefleak {
namespace rt {

static Mutex SitesMutex;
static PointerMap<SiteStats *> SitesByKey;
static Vector<SiteStats *> Sites;
static std::atomic<uint64_t> Dropped{0};

Mutex &sitesMutex() { return SitesMutex; }
const Vector<SiteStats *> &allSites() { return Sites; }

size_t siteCount() {
  ScopedLock Lock(SitesMutex);
  return Sites.Size;
}

//===----------------------------------------------------------------------===//
// Refutation: a leaked reference keeps its object alive, so an object whose
// deallocation is seen while a site counts it as leaked proves that record
// wrong. Only heap objects are followed (cached ones are never freed), and
// only where the interpreter reports deallocations (3.13+).
//===----------------------------------------------------------------------===//

namespace {
struct LeakedRecord {
  SiteStats *Site;
  uint64_t Bytes;
  uint32_t Count;
  uint32_t Next;   // the object's next record, or NoRecord
  uint32_t Caller; // index in Site->Callers; MaxCallersPerSite: Other
};
} // namespace

static constexpr uint32_t NoRecord = UINT32_MAX;
static PointerMap<uint32_t> LeakedObjects; // object -> its first record
static Vector<LeakedRecord> Records;
static uint32_t FreeRecords = NoRecord;    // linked through Next
static bool TriedWatching = false;
static std::atomic<bool> Watching{false};
static std::atomic<uint64_t> Refuted{0};
/// Which addresses may be followed, so that most deallocations take no
/// lock: bits are set and never cleared.
static constexpr uint32_t FilterBits = 1u << 16;
static std::atomic<uint64_t> Filter[FilterBits / 64];

static uint32_t filterBit(const void *Object) {
  uint64_t H = (reinterpret_cast<uintptr_t>(Object) >> 4) * 0x9E3779B97F4A7C15u;
  return uint32_t(H >> 48);
}

uint64_t refutedCount() { return Refuted.load(std::memory_order_relaxed); }
bool refutationActive() { return Watching.load(std::memory_order_relaxed); }

static void onDeallocation(void *Object) {
  uint32_t Bit = filterBit(Object);
  if (!(Filter[Bit / 64].load(std::memory_order_relaxed) &
        (uint64_t(1) << (Bit % 64))))
    return;
  ScopedLock Lock(SitesMutex);
  uint32_t *Head = LeakedObjects.find(Object);
  if (!Head)
    return;
  const char *TypeName = classifyObject(Object).TypeName;
  for (uint32_t I = *Head; I != NoRecord;) {
    LeakedRecord &R = Records.Data[I];
    SiteStats &Site = *R.Site;
    Site.Leaked -= R.Count;
    Site.Heap -= R.Count;
    Site.HeapBytes -= R.Bytes;
    Site.Refuted += R.Count;
    if (TypeName)
      Site.Types.remove(TypeName, R.Count);
    if (R.Caller != NoRecord)
      Site.Callers.remove(R.Caller, R.Count);
    Refuted.fetch_add(R.Count, std::memory_order_relaxed);
    uint32_t Next = R.Next;
    R.Next = FreeRecords;
    FreeRecords = I;
    I = Next;
  }
  LeakedObjects.erase(Object);
}

/// Follows Object, a heap object Site just counted as leaked (from its
/// Python caller Caller, NoRecord for none). Called with the sites mutex
/// held.
static void follow(SiteStats &Site, void *Object, uint64_t Bytes,
                   uint32_t Caller) {
  if (!TriedWatching) {
    TriedWatching = true;
    Watching.store(watchDeallocations(onDeallocation),
                   std::memory_order_relaxed);
  }
  if (!Watching.load(std::memory_order_relaxed))
    return;
  bool Inserted = false;
  uint32_t *Head = LeakedObjects.findOrInsert(Object, &Inserted);
  if (!Head)
    return noteDropped();
  if (!Inserted)
    for (uint32_t I = *Head; I != NoRecord; I = Records.Data[I].Next)
      if (Records.Data[I].Site == &Site && Records.Data[I].Caller == Caller) {
        ++Records.Data[I].Count;
        Records.Data[I].Bytes += Bytes;
        return;
      }
  uint32_t I = FreeRecords;
  if (I != NoRecord) {
    FreeRecords = Records.Data[I].Next;
  } else {
    I = Records.Size;
    if (!Records.push({}))
      return noteDropped(); // the object stays followed by older records
  }
  Records.Data[I] = {&Site, Bytes, 1, Inserted ? NoRecord : *Head, Caller};
  *Head = I;
  uint32_t Bit = filterBit(Object);
  Filter[Bit / 64].fetch_or(uint64_t(1) << (Bit % 64),
                            std::memory_order_relaxed);
}

void noteDropped() { Dropped.fetch_add(1, std::memory_order_relaxed); }
uint64_t droppedCount() { return Dropped.load(std::memory_order_relaxed); }

void TypeCounts::add(const char *Name, uint64_t N, bool CopyName) {
  for (uint32_t I = 0; I < Size; ++I) {
    if (strcmp(Types[I].Name, Name))
      continue;
    Types[I].Count += N;
    return;
  }
  const char *Stored = Name;
  if (Size < MaxTypesPerSite && CopyName)
    Stored = duplicateString(Name);
  if (Size == MaxTypesPerSite || !Stored) {
    Other += N;
    return;
  }
  Types[Size++] = {Stored, N};
}

uint32_t PythonCallers::add(const char *Function, const char *File,
                            uint32_t Line, uint64_t N, bool CopyNames) {
  for (uint32_t I = 0; I < Size; ++I) {
    PythonCaller &C = Callers[I];
    if (C.Line != Line || strcmp(C.Function, Function) || strcmp(C.File, File))
      continue;
    C.Count += N;
    return I;
  }
  if (Size == MaxCallersPerSite) {
    Other += N;
    return MaxCallersPerSite;
  }
  const char *StoredFunction = CopyNames ? duplicateString(Function) : Function;
  const char *StoredFile = CopyNames ? duplicateString(File) : File;
  if (!StoredFunction || !StoredFile) {
    freeString(const_cast<char *>(StoredFunction));
    freeString(const_cast<char *>(StoredFile));
    Other += N;
    return MaxCallersPerSite;
  }
  Callers[Size] = {StoredFunction, StoredFile, Line, N};
  return Size++;
}

void PythonCallers::remove(uint32_t Index, uint64_t N) {
  uint64_t &Count = Index < Size ? Callers[Index].Count : Other;
  Count -= N < Count ? N : Count;
}

void PythonCallers::clearCopies() {
  for (uint32_t I = 0; I < Size; ++I) {
    freeString(const_cast<char *>(Callers[I].Function));
    freeString(const_cast<char *>(Callers[I].File));
  }
  Size = 0;
  Other = 0;
}

void TypeCounts::remove(const char *Name, uint64_t N) {
  for (uint32_t I = 0; I < Size; ++I)
    if (!strcmp(Types[I].Name, Name)) {
      Types[I].Count -= N < Types[I].Count ? N : Types[I].Count;
      return;
    }
  Other -= N < Other ? N : Other;
}

void TypeCounts::clearCopies() {
  for (uint32_t I = 0; I < Size; ++I)
    freeString(const_cast<char *>(Types[I].Name));
  Size = 0;
  Other = 0;
}

static SiteStats *findOrCreateSite(const char *Key) {
  bool Inserted = false;
  SiteStats **Slot = SitesByKey.findOrInsert(Key, &Inserted);
  if (!Slot)
    return nullptr;
  if (!Inserted)
    return *Slot;
  auto *Site = static_cast<SiteStats *>(allocate(sizeof(SiteStats)));
  char *Text = duplicateString(Key);
  if (!Site || !Text || !Sites.push(Site)) {
    deallocate(Site, sizeof(SiteStats));
    freeString(Text);
    SitesByKey.erase(Key);
    return nullptr;
  }
  memset(Site, 0, sizeof(SiteStats));
  Site->Key = Key;
  Site->Text = Text;
  *Slot = Site;
  return Site;
}

static void addLeak(SiteStats &Site, const ObjectInfo &Info) {
  ++Site.Leaked;
  switch (Info.Kind) {
  case ObjectKind::Cached:
    ++Site.Cached;
    break;
  case ObjectKind::Heap:
    ++Site.Heap;
    Site.HeapBytes += Info.HeapBytes;
    break;
  case ObjectKind::Unclassified:
    return;
  }
  Site.Types.add(Info.TypeName, 1, /*CopyName=*/true);
}

void recordLeaks(const Obligation *Entries, uint32_t Count) {
  const Obligation *End = Entries + Count;
  bool WantStacks = flags().print_stacks;
  bool NeedStack = false;
  // Every leak of the frame has the same Python caller: read it once,
  // outside the lock, since it calls into Python.
  PythonLocation Caller;
  bool HaveCaller = currentPythonLocation(Caller);
  {
    ScopedLock Lock(SitesMutex);
    for (const Obligation *E = Entries; E != End; ++E) {
      if (!E->Object)
        continue;
      SiteStats *Site = findOrCreateSite(E->Site);
      if (!Site) {
        noteDropped();
        continue;
      }
      ObjectInfo Info = classifyObject(E->Object);
      addLeak(*Site, Info);
      uint32_t CallerIndex =
          HaveCaller ? Site->Callers.add(Caller.Function, Caller.File,
                                         Caller.Line, 1, /*CopyNames=*/true)
                     : NoRecord;
      if (Info.Kind == ObjectKind::Heap)
        follow(*Site, E->Object, Info.HeapBytes, CallerIndex);
      if (WantStacks && Site->State == StackState::Missing) {
        Site->State = StackState::Capturing;
        NeedStack = true;
      }
    }
  }
  if (!NeedStack)
    return;
  // Every leak of the frame shares its callers: one unwind, outside the
  // lock, serves all the sites that leaked here first.
  uintptr_t Frames[MaxStackDepth];
  unsigned NumFrames = captureStack(Frames, unsigned(flags().stack_depth));
  ScopedLock Lock(SitesMutex);
  for (const Obligation *E = Entries; E != End; ++E) {
    if (!E->Object)
      continue;
    SiteStats **Site = SitesByKey.find(E->Site);
    if (!Site || (*Site)->State != StackState::Capturing)
      continue;
    memcpy((*Site)->Stack, Frames, NumFrames * sizeof(uintptr_t));
    (*Site)->StackSize = NumFrames;
    (*Site)->State = StackState::Captured;
  }
}

void sitesPrepareFork() { SitesMutex.lock(); }

void sitesParentAfterFork() { SitesMutex.unlock(); }

void sitesChildAfterFork() {
  SitesMutex.resetAfterFork();
  // The parent reports what leaked before the fork; the child starts over
  // but keeps the site records (and their stacks, still valid here).
  for (SiteStats *Site : Sites) {
    Site->Leaked = Site->Cached = Site->Heap = Site->HeapBytes = 0;
    Site->Types.clearCopies();
    Site->Callers.clearCopies();
    Site->Refuted = 0;
    if (Site->State == StackState::Capturing)
      Site->State = StackState::Missing;
  }
  Dropped.store(0, std::memory_order_relaxed);
  // The records the child inherited counted the parent's leaks.
  if (LeakedObjects.Count) {
    LeakedObjects.release();
    Records.release();
    FreeRecords = NoRecord;
  }
  Refuted.store(0, std::memory_order_relaxed);
}

} // namespace rt
} // namespace pyrefleak
