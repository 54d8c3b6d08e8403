//===- common.h - Runtime-internal containers and locks ---------*- C++ -*-===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Small building blocks shared by the ledger, the site table and the
/// reports. The runtime lives inside arbitrary Python processes, so it does
/// not depend on the C++ standard library at run time: containers are PODs
/// over malloc whose zero state is valid, which makes every global and
/// thread-local object constant-initialized (no global constructors), and
/// every heap byte the runtime owns is counted so tests can check that the
/// ledger's memory does not grow with the number of calls.
///
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RUNTIME_LIB_COMMON_H
#define PYREFLEAK_RUNTIME_LIB_COMMON_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define PYREFLEAK_INTERFACE extern "C" __attribute__((visibility("default")))
#define PYREFLEAK_LIKELY(X) __builtin_expect(!!(X), 1)
#define PYREFLEAK_UNLIKELY(X) __builtin_expect(!!(X), 0)
#define PYREFLEAK_NOINLINE __attribute__((noinline))

namespace pyrefleak {
namespace rt {

/// malloc/realloc/free that keep a count of the bytes the runtime holds.
void *allocate(size_t Size);
void *reallocate(void *Ptr, size_t OldSize, size_t NewSize);
void deallocate(void *Ptr, size_t Size);
char *duplicateString(const char *Str);
void freeString(char *Str);
size_t allocatedBytes();

/// A growable array of trivially copyable T. The all-zero state is an empty
/// array, so instances can be globals or thread-locals without constructors.
template <typename T> struct Vector {
  T *Data = nullptr;
  uint32_t Size = 0;
  uint32_t Capacity = 0;

  /// Returns false when memory runs out; the array is left unchanged.
  bool push(const T &Value) {
    if (PYREFLEAK_UNLIKELY(Size == Capacity) && !grow(Size + 1))
      return false;
    Data[Size++] = Value;
    return true;
  }

  bool grow(uint32_t MinCapacity) {
    if (MinCapacity <= Capacity)
      return true;
    uint32_t NewCapacity = Capacity ? Capacity : 16;
    while (NewCapacity < MinCapacity) {
      if (NewCapacity > UINT32_MAX / 2)
        return false;
      NewCapacity *= 2;
    }
    void *NewData = reallocate(Data, size_t(Capacity) * sizeof(T),
                               size_t(NewCapacity) * sizeof(T));
    if (!NewData)
      return false;
    Data = static_cast<T *>(NewData);
    Capacity = NewCapacity;
    return true;
  }

  void release() {
    deallocate(Data, size_t(Capacity) * sizeof(T));
    Data = nullptr;
    Size = Capacity = 0;
  }

  T *begin() { return Data; }
  T *end() { return Data + Size; }
  const T *begin() const { return Data; }
  const T *end() const { return Data + Size; }
};

/// An open-addressing map from non-null pointers to trivially copyable
/// values (linear probing, backward-shift deletion so that no tombstones
/// accumulate on hot insert/erase cycles).
template <typename V> struct PointerMap {
  struct Slot {
    const void *Key;
    V Value;
  };
  Slot *Slots = nullptr;
  uint32_t Count = 0;
  uint32_t Mask = 0; // capacity - 1, capacity a power of two

  uint32_t capacity() const { return Slots ? Mask + 1 : 0; }

  V *find(const void *Key) {
    if (!Slots)
      return nullptr;
    for (uint32_t I = home(Key);; I = (I + 1) & Mask) {
      if (Slots[I].Key == Key)
        return &Slots[I].Value;
      if (!Slots[I].Key)
        return nullptr;
    }
  }

  /// Returns the value slot for Key, inserting a zero value when absent and
  /// setting *Inserted accordingly; null when memory runs out.
  V *findOrInsert(const void *Key, bool *Inserted) {
    if (PYREFLEAK_UNLIKELY(2 * (Count + 1) > capacity()) &&
        !rehash(Slots ? 2 * (Mask + 1) : 16))
      return nullptr;
    for (uint32_t I = home(Key);; I = (I + 1) & Mask) {
      if (Slots[I].Key == Key) {
        *Inserted = false;
        return &Slots[I].Value;
      }
      if (Slots[I].Key)
        continue;
      Slots[I].Key = Key;
      Slots[I].Value = V();
      ++Count;
      *Inserted = true;
      return &Slots[I].Value;
    }
  }

  void erase(const void *Key) {
    if (!Slots)
      return;
    uint32_t Hole = home(Key);
    while (Slots[Hole].Key != Key) {
      if (!Slots[Hole].Key)
        return;
      Hole = (Hole + 1) & Mask;
    }
    // Pull later entries of the probe run back into the hole, unless their
    // home lies cyclically in (Hole, Next], where they already are reachable.
    for (uint32_t Next = (Hole + 1) & Mask; Slots[Next].Key;
         Next = (Next + 1) & Mask) {
      uint32_t Home = home(Slots[Next].Key);
      bool Reachable = Hole <= Next ? (Hole < Home && Home <= Next)
                                    : (Hole < Home || Home <= Next);
      if (Reachable)
        continue;
      Slots[Hole] = Slots[Next];
      Hole = Next;
    }
    Slots[Hole].Key = nullptr;
    --Count;
  }

  bool rehash(uint32_t NewCapacity) {
    size_t Bytes = size_t(NewCapacity) * sizeof(Slot);
    Slot *NewSlots = static_cast<Slot *>(allocate(Bytes));
    if (!NewSlots)
      return false;
    memset(NewSlots, 0, Bytes);
    Slot *OldSlots = Slots;
    uint32_t OldCapacity = capacity();
    Slots = NewSlots;
    Mask = NewCapacity - 1;
    for (uint32_t I = 0; I < OldCapacity; ++I) {
      if (!OldSlots[I].Key)
        continue;
      uint32_t J = home(OldSlots[I].Key);
      while (Slots[J].Key)
        J = (J + 1) & Mask;
      Slots[J] = OldSlots[I];
    }
    deallocate(OldSlots, size_t(OldCapacity) * sizeof(Slot));
    return true;
  }

  void release() {
    deallocate(Slots, size_t(capacity()) * sizeof(Slot));
    Slots = nullptr;
    Count = Mask = 0;
  }

private:
  uint32_t home(const void *Key) const {
    // Fibonacci hashing: objects are 16-byte aligned, so the low bits carry
    // no information and the multiply spreads the rest.
    uint64_t H = (reinterpret_cast<uintptr_t>(Key) >> 4) * 0x9E3779B97F4A7C15u;
    return uint32_t(H >> 32) & Mask;
  }
};

/// A mutex that is constant-initialized and can be reset in a fork child.
class Mutex {
public:
  void lock() { pthread_mutex_lock(&M); }
  void unlock() { pthread_mutex_unlock(&M); }
  /// Only in a fork child, where the thread that held it no longer exists.
  void resetAfterFork() { pthread_mutex_init(&M, nullptr); }

private:
  pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
};

class ScopedLock {
public:
  explicit ScopedLock(Mutex &M) : M(M) { M.lock(); }
  ~ScopedLock() { M.unlock(); }
  ScopedLock(const ScopedLock &) = delete;
  ScopedLock &operator=(const ScopedLock &) = delete;

private:
  Mutex &M;
};

} // namespace rt
} // namespace pyrefleak

#endif // PYREFLEAK_RUNTIME_LIB_COMMON_H
