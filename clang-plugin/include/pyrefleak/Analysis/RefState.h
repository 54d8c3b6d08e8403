//===- RefState.h - Ownership state of one path ----------------*- C++ -*-===//
//
/// \file
/// The abstract state the path-sensitive analysis carries along one path
/// through a function: the references it holds (RefInfo), the results of
/// fallible calls whose success is still to be tested (SymInfo), what each
/// local variable holds (Value), and whether a Python exception may be set.
/// Nothing here knows an API by name or produces text.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_REFSTATE_H
#define PYREFLEAK_ANALYSIS_REFSTATE_H

#include "pyrefleak/Analysis/Issue.h"
#include "pyrefleak/Rules/RuleDatabase.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace clang {
class CallExpr;
class Expr;
class Stmt;
class VarDecl;
} // namespace clang

namespace pyrefleak::analysis {

using RefId = unsigned; ///< 0 is "no reference".
using SymId = unsigned; ///< 0 is "no symbol".

/// A set of integers as sorted, disjoint, closed intervals: the values a
/// tested result can have on one side of a branch.
class IntSet {
public:
  static constexpr int64_t Min = INT64_MIN;
  static constexpr int64_t Max = INT64_MAX;

  static IntSet all() { return range(Min, Max); }
  static IntSet empty() { return IntSet(); }
  static IntSet single(int64_t V) { return range(V, V); }
  static IntSet range(int64_t Lo, int64_t Hi);
  /// Every value but zero: the true side of a truth test.
  static IntSet nonZero();

  IntSet complement() const;
  IntSet intersect(const IntSet &Other) const;
  bool isEmpty() const { return Ranges.empty(); }
  bool contains(int64_t V) const;
  bool intersects(const IntSet &Other) const {
    return !intersect(Other).isEmpty();
  }
  bool operator==(const IntSet &Other) const { return Ranges == Other.Ranges; }
  llvm::ArrayRef<std::pair<int64_t, int64_t>> ranges() const { return Ranges; }

private:
  llvm::SmallVector<std::pair<int64_t, int64_t>, 2> Ranges;
};

/// What an expression or a variable evaluates to on one path.
struct Value {
  enum class Kind : uint8_t {
    Unknown,       ///< Not tracked.
    Null,          ///< A null pointer.
    Int,           ///< A known integer.
    Ref,           ///< A tracked object (RefId in Id).
    Status,        ///< The result of a fallible non-object call (SymId).
    ExceptionTest, ///< Non-zero exactly when an exception is set.
    NonNull,       ///< Not tracked, but known not to be NULL (it was
                   ///< dereferenced).
    Address,       ///< The address of a storage location (its number in
                   ///< the exploration's table, in Id): `&self->x`.
  };
  Kind K = Kind::Unknown;
  unsigned Id = 0;
  int64_t Int = 0;

  static Value unknown() { return Value(); }
  static Value null() { return {Kind::Null, 0, 0}; }
  static Value integer(int64_t V) { return {Kind::Int, 0, V}; }
  static Value ref(RefId R) { return {Kind::Ref, R, 0}; }
  static Value status(SymId S) { return {Kind::Status, S, 0}; }
  static Value exceptionTest() { return {Kind::ExceptionTest, 0, 0}; }
  static Value nonNull() { return {Kind::NonNull, 0, 0}; }
  static Value address(unsigned Location) {
    return {Kind::Address, Location, 0};
  }
  bool isRef() const { return K == Kind::Ref; }
  bool operator==(const Value &O) const {
    return K == O.K && Id == O.Id && Int == O.Int;
  }
};

/// Whether a reference may be NULL. Only MaybeNull (the result of a call
/// that signals failure with NULL, not yet tested) is reported when
/// dereferenced; Unchecked is "no idea", and stays silent. Optional may be
/// NULL without anything having failed (PyErr_Fetch's outputs): until a
/// test shows it is not, there may be nothing to release either.
enum class Nullness : uint8_t { Unchecked, MaybeNull, NonNull, Null, Optional };

/// What keeps the object alive when this function holds no owned reference
/// to it (RefInfo::Count == 0).
enum class RefBase : uint8_t {
  None,     ///< Nothing: the function created it and still owns it.
  Borrowed, ///< Someone else's reference: an API result, a parameter.
  Stolen,   ///< A container took the function's last reference.
  Dead,     ///< The function released its last reference.
};

/// The ownership view the checks speak in, derived from a RefInfo.
enum class RefState : uint8_t { Owned, Borrowed, Stolen, Released };

/// One object the path knows about.
struct RefInfo {
  unsigned Count = 0; ///< Owned references the function holds.
  RefBase Base = RefBase::None;
  Nullness Null = Nullness::Unchecked;
  SymId Sym = 0;           ///< Outcome of the call that produced it.
  SymId PendingSteal = 0;  ///< A steals-on-success call not yet resolved.
  RefId Container = 0;     ///< The object that stole it (Base == Stolen).
  bool Shared = false;     ///< Passed to an API that may keep a reference.
  bool Retained = false;   ///< Held an owned reference of its own once
                           ///< (Py_INCREF of a borrowed object).
  int Param = -1;          ///< Parameter index (summary inference only).
  unsigned CreatedSeq = 0; ///< Trail position of its creation.
  const clang::Expr *Site = nullptr;   ///< Where it was created.
  /// The API's static object it is (Py_None), if any.
  const rules::StaticObjectRule *StaticObject = nullptr;
  llvm::StringRef API;                 ///< The API that produced it.
  const clang::VarDecl *Var = nullptr; ///< First variable bound to it.
  llvm::StringRef Name;                ///< Name when no variable holds it.

  RefState state() const;
};

enum class Outcome : uint8_t { Unknown, Success, Failure };

/// The result of one fallible call, resolved when a branch tests it.
struct SymInfo {
  const clang::CallExpr *Call = nullptr;
  llvm::StringRef API;
  IntSet Failure; ///< Result values that mean failure.
  IntSet Success; ///< Result values that mean success.
  rules::ExceptionKind Exception = rules::ExceptionKind::Never;
  Outcome Result = Outcome::Unknown;
  RefId Object = 0; ///< The object result, whose NULL is the failure.
  llvm::SmallVector<RefId, 1> PendingSteals;
  IntSet Values = IntSet::all(); ///< What branches left possible.
  /// The variable holding the object whose number of items this is.
  const clang::VarDecl *SizeOf = nullptr;
  /// A reference a non-zero result proves not NULL (PyCallable_Check).
  RefId NonNullIfTrue = 0;
  /// Outputs written only when the result is non-zero (PyDict_Next): the
  /// variable, the reference written there, and what it held before (only
  /// a plain value: a reference may be gone by the time the result is
  /// tested, and is then "unknown").
  struct WrittenOutput {
    const clang::VarDecl *Var = nullptr;
    RefId Written = 0;
    Value Before;
  };
  llvm::SmallVector<WrittenOutput, 2> WrittenIfTrue;
};

/// What a field, a slot or a global holds on one path, as far as the path
/// wrote it (StorageLocation.h names the place).
struct StoredRef {
  RefId Ref = 0; ///< 0: known to hold no reference (NULL, or cleared).
  /// The place holds the reference the function gave it (the function's
  /// own count went down by one); else the object is only pointed to.
  bool Owns = false;
  /// The place dies with the frame (a local array or struct): what it
  /// points to is still the function's to release.
  bool Local = false;
  bool operator==(const StoredRef &O) const {
    return Ref == O.Ref && Owns == O.Owns && Local == O.Local;
  }
};

/// Whether a Python exception is set. Pending symbols set one when they
/// resolve to failure; while any is pending the answer is "maybe".
enum class ExceptionBase : uint8_t { None, Maybe, Set };

/// One event of a path, kept as a persistent list shared between the
/// states a branch forks.
struct TrailNode {
  std::shared_ptr<const TrailNode> Prev;
  TrailStep::Kind Kind;
  clang::SourceLocation Loc;
  RefId Ref = 0; ///< 0 for branches, which concern every reference.
  llvm::StringRef API;
  unsigned Seq = 0;
  llvm::StringRef Subject; ///< Who the step is about when not Ref itself
                           ///< (the container, for ContainerReleased).
};

/// Everything known on one path at one program point.
struct PathState {
  std::map<const clang::VarDecl *, Value> Vars;
  std::map<RefId, RefInfo> Refs;
  std::map<SymId, SymInfo> Syms;
  llvm::DenseMap<const clang::Stmt *, Value> Exprs; ///< Current statement.
  std::map<const clang::Stmt *, bool> Choices;      ///< Arms taken by ?: here.
  /// &global objects; 0 once one was stored away (then it is no longer
  /// followed on this path).
  std::map<const clang::VarDecl *, RefId> Globals;
  /// Storage locations written on this path, by location number.
  std::map<unsigned, StoredRef> Stored;
  ExceptionBase Exception = ExceptionBase::None;
  llvm::SmallVector<SymId, 2> PendingExceptions;
  /// Conditions decided on this path (by the engine's number for them),
  /// while nothing they read is written.
  std::map<unsigned, bool> Known;
  /// Variables holding the truth of a condition (`int f = PyLong_Check(a)`):
  /// the condition's number, and whether the variable holds its negation.
  std::map<const clang::VarDecl *, std::pair<unsigned, bool>> Links;
  /// Index variables proven below sizes (the symbols of PyTuple_Size...).
  std::map<const clang::VarDecl *, llvm::SmallVector<SymId, 1>> Below;
  /// Integer variables proven not negative, whatever their value.
  std::set<const clang::VarDecl *> NonNegative;
  /// The branch entered because a reference nothing said could be NULL was
  /// NULL: a defensive test, whose error return is not the API's failure.
  const clang::Stmt *Defensive = nullptr;
  const clang::Stmt *Exit = nullptr; ///< The return that ends the path.
  bool Dead = false;                 ///< The path ended (noreturn call).

  // Not part of the identity of a state (see key()).
  std::map<const clang::Stmt *, unsigned> LoopTrips;
  llvm::DenseMap<unsigned, unsigned> BlockVisits;
  std::shared_ptr<const TrailNode> Trail;
  unsigned Seq = 0;
  unsigned NextId = 1;

  RefId newRef(RefInfo Info);
  SymId newSym(SymInfo Info);
  RefInfo *ref(const Value &V);
  RefInfo *ref(RefId R);
  SymInfo *sym(SymId S);
  void addStep(TrailStep::Kind Kind, clang::SourceLocation Loc, RefId Ref,
               llvm::StringRef API = {}, llvm::StringRef Subject = {});
  /// Whether a variable other than \p Except, or a part of a local array
  /// or struct, holds \p R.
  bool heldByOtherVariable(RefId R, const clang::VarDecl *Except) const;
  /// Whether a place outliving the frame holds a reference to \p R.
  bool ownedByStorage(RefId R) const;
  /// Stops following \p R: it was stored where the analysis cannot see,
  /// or an issue already names it. Whatever held it becomes Unknown.
  void forget(RefId R);
  /// Forgets references and symbols nothing refers to any more, unless
  /// they still own something (a leak found at the exit).
  void collectGarbage();
  /// A canonical encoding of the state that ignores how references and
  /// symbols happen to be numbered: equal keys, equal futures. With
  /// \p OwnershipOnly, what is not about references (plain values, the
  /// arms of conditions) is left out: states that agree on ownership.
  std::string key(bool OwnershipOnly = false) const;
};

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_REFSTATE_H
