//===- RefState.cpp - Ownership state of one path -------------------------===//
//
/// \file
/// Integer sets for branch conditions, bookkeeping of references and
/// symbols, and the canonical key that lets the exploration recognise a
/// state it has already seen at a block.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/RefState.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

using namespace clang;
using namespace llvm;
using namespace pyrefleak;
using namespace pyrefleak::analysis;

IntSet IntSet::range(int64_t Lo, int64_t Hi) {
  IntSet S;
  if (Lo <= Hi)
    S.Ranges.push_back({Lo, Hi});
  return S;
}

IntSet IntSet::nonZero() { return single(0).complement(); }

IntSet IntSet::complement() const {
  IntSet S;
  int64_t Next = Min;
  for (auto [Lo, Hi] : Ranges) {
    if (Lo > Next)
      S.Ranges.push_back({Next, Lo - 1});
    if (Hi == Max)
      return S;
    Next = Hi + 1;
  }
  S.Ranges.push_back({Next, Max});
  return S;
}

IntSet IntSet::intersect(const IntSet &Other) const {
  IntSet S;
  for (auto [ALo, AHi] : Ranges)
    for (auto [BLo, BHi] : Other.Ranges) {
      int64_t Lo = std::max(ALo, BLo), Hi = std::min(AHi, BHi);
      if (Lo <= Hi)
        S.Ranges.push_back({Lo, Hi});
    }
  llvm::sort(S.Ranges);
  return S;
}

bool IntSet::contains(int64_t V) const {
  return llvm::any_of(Ranges, [&](const std::pair<int64_t, int64_t> &R) {
    return R.first <= V && V <= R.second;
  });
}

RefState RefInfo::state() const {
  if (Count > 0)
    return RefState::Owned;
  switch (Base) {
  case RefBase::None:
  case RefBase::Dead:
    return RefState::Released;
  case RefBase::Borrowed:
    return RefState::Borrowed;
  case RefBase::Stolen:
    return RefState::Stolen;
  }
  llvm_unreachable("unhandled RefBase");
}

RefId PathState::newRef(RefInfo Info) {
  RefId R = NextId++;
  Info.CreatedSeq = Seq;
  Refs.emplace(R, std::move(Info));
  return R;
}

SymId PathState::newSym(SymInfo Info) {
  SymId S = NextId++;
  Syms.emplace(S, std::move(Info));
  return S;
}

RefInfo *PathState::ref(RefId R) {
  auto It = Refs.find(R);
  return It == Refs.end() ? nullptr : &It->second;
}

RefInfo *PathState::ref(const Value &V) {
  return V.isRef() ? ref(V.Id) : nullptr;
}

SymInfo *PathState::sym(SymId S) {
  auto It = Syms.find(S);
  return It == Syms.end() ? nullptr : &It->second;
}

void PathState::addStep(TrailStep::Kind Kind, SourceLocation Loc, RefId Ref,
                        StringRef API, StringRef Subject) {
  auto Node = std::make_shared<TrailNode>();
  Node->Prev = Trail;
  Node->Kind = Kind;
  Node->Loc = Loc;
  Node->Ref = Ref;
  Node->API = API;
  Node->Seq = ++Seq;
  Node->Subject = Subject;
  Trail = std::move(Node);
}

bool PathState::heldByOtherVariable(RefId R, const VarDecl *Except) const {
  for (const auto &[VD, V] : Vars)
    if (VD != Except && V.isRef() && V.Id == R)
      return true;
  return llvm::any_of(Stored, [&](const auto &Entry) {
    return Entry.second.Local && Entry.second.Ref == R;
  });
}

bool PathState::ownedByStorage(RefId R) const {
  return llvm::any_of(Stored, [&](const auto &Entry) {
    return Entry.second.Owns && Entry.second.Ref == R;
  });
}

void PathState::forget(RefId R) {
  Refs.erase(R);
  for (auto &[VD, V] : Vars)
    if (V.isRef() && V.Id == R)
      V = Value::unknown();
  for (auto &Entry : Exprs)
    if (Entry.second.isRef() && Entry.second.Id == R)
      Entry.second = Value::unknown();
  for (auto &[VD, G] : Globals)
    if (G == R)
      G = 0;
  // What it held is no longer known.
  for (auto It = Stored.begin(); It != Stored.end();)
    It = It->second.Ref == R ? Stored.erase(It) : std::next(It);
  for (auto &[S, Info] : Syms) {
    if (Info.Object == R)
      Info.Object = 0;
    if (Info.NonNullIfTrue == R)
      Info.NonNullIfTrue = 0;
    llvm::erase(Info.PendingSteals, R);
    llvm::erase_if(Info.WrittenIfTrue,
                   [&](const SymInfo::WrittenOutput &O) {
                     return O.Written == R;
                   });
  }
  for (auto &[Id, Info] : Refs)
    if (Info.Container == R)
      Info.Container = 0;
}

void PathState::collectGarbage() {
  DenseSet<RefId> LiveRefs;
  DenseSet<SymId> LiveSyms;
  auto Mark = [&](const Value &V) {
    if (V.isRef())
      LiveRefs.insert(V.Id);
    else if (V.K == Value::Kind::Status)
      LiveSyms.insert(V.Id);
  };
  for (const auto &[VD, V] : Vars)
    Mark(V);
  for (const auto &Entry : Exprs)
    Mark(Entry.second);
  for (const auto &[Location, Entry] : Stored)
    LiveRefs.insert(Entry.Ref);
  for (const auto &[VD, Syms] : Below)
    LiveSyms.insert(Syms.begin(), Syms.end());
  // The size of an object a variable still holds.
  for (const auto &[Id, Info] : Syms)
    if (Info.SizeOf && Vars.count(Info.SizeOf))
      LiveSyms.insert(Id);
  for (const auto &[Id, Info] : Refs)
    if (Info.Count > 0 && Info.Null != Nullness::Null)
      LiveRefs.insert(Id);
  // A static object the function retained and gave away: releasing it
  // again is an over-release, which a fresh borrowed view would hide.
  for (const auto &[VD, R] : Globals)
    if (const RefInfo *Info = ref(R); Info && Info->Retained)
      LiveRefs.insert(R);
  for (const auto &[Id, Info] : Refs) {
    if (!LiveRefs.count(Id))
      continue;
    if (Info.Sym)
      LiveSyms.insert(Info.Sym);
    if (Info.PendingSteal)
      LiveSyms.insert(Info.PendingSteal);
  }
  for (auto It = Refs.begin(); It != Refs.end();)
    It = LiveRefs.count(It->first) ? std::next(It) : Refs.erase(It);
  for (auto It = Globals.begin(); It != Globals.end();)
    It = !It->second || LiveRefs.count(It->second) ? std::next(It)
                                                   : Globals.erase(It);
  for (auto &[Id, Info] : Refs)
    if (Info.Container && !LiveRefs.count(Info.Container))
      Info.Container = 0;
  // A pending exception nothing can test any more is simply "maybe".
  for (SymId S : PendingExceptions)
    if (!LiveSyms.count(S) && Exception == ExceptionBase::None)
      Exception = ExceptionBase::Maybe;
  llvm::erase_if(PendingExceptions,
                 [&](SymId S) { return !LiveSyms.count(S); });
  for (auto It = Syms.begin(); It != Syms.end();)
    It = LiveSyms.count(It->first) ? std::next(It) : Syms.erase(It);
  for (auto &[S, Info] : Syms) {
    if (Info.Object && !LiveRefs.count(Info.Object))
      Info.Object = 0;
    if (Info.NonNullIfTrue && !LiveRefs.count(Info.NonNullIfTrue))
      Info.NonNullIfTrue = 0;
    llvm::erase_if(Info.PendingSteals,
                   [&](RefId R) { return !LiveRefs.count(R); });
    llvm::erase_if(Info.WrittenIfTrue,
                   [&](const SymInfo::WrittenOutput &O) {
                     return !LiveRefs.count(O.Written);
                   });
  }
}

namespace {
/// Numbers references and symbols in the order the encoding meets them.
class KeyWriter {
public:
  KeyWriter(const PathState &S, bool OwnershipOnly)
      : S(S), OwnershipOnly(OwnershipOnly) {}

  std::string write() {
    for (const auto &[VD, V] : S.Vars) {
      Out.push_back(int64_t(reinterpret_cast<uintptr_t>(VD)));
      value(V);
    }
    Out.push_back(-1);
    SmallVector<std::pair<const Stmt *, Value>, 8> Exprs(S.Exprs.begin(),
                                                         S.Exprs.end());
    llvm::sort(Exprs, [](const auto &A, const auto &B) {
      return std::less<const Stmt *>()(A.first, B.first);
    });
    for (const auto &[E, V] : Exprs) {
      Out.push_back(int64_t(reinterpret_cast<uintptr_t>(E)));
      value(V);
    }
    Out.push_back(-2);
    for (const auto &[E, Arm] : S.Choices) {
      if (OwnershipOnly)
        break;
      Out.push_back(int64_t(reinterpret_cast<uintptr_t>(E)));
      Out.push_back(Arm);
    }
    Out.push_back(-3);
    for (const auto &[VD, R] : S.Globals) {
      Out.push_back(int64_t(reinterpret_cast<uintptr_t>(VD)));
      Out.push_back(refNo(R));
    }
    Out.push_back(-4);
    for (const auto &[Location, Entry] : S.Stored) {
      Out.push_back(Location);
      Out.push_back(refNo(Entry.Ref));
      Out.push_back(Entry.Owns * 2 + Entry.Local);
    }
    Out.push_back(-7);
    // References only the trail or an exit can find: owned temporaries.
    SmallVector<std::pair<const Expr *, RefId>, 4> Rest;
    for (const auto &[Id, Info] : S.Refs)
      if (!RefNo.count(Id))
        Rest.push_back({Info.Site, Id});
    llvm::sort(Rest, [](const auto &A, const auto &B) {
      if (A.first != B.first)
        return std::less<const Expr *>()(A.first, B.first);
      return A.second < B.second;
    });
    for (const auto &[Site, Id] : Rest)
      refNo(Id);
    for (SymId Sym : S.PendingExceptions)
      symNo(Sym);
    for (const auto &[VD, Syms] : S.Below)
      for (SymId Sym : Syms)
        symNo(Sym);
    SmallVector<std::pair<const VarDecl *, SymId>, 2> Sizes;
    for (const auto &[Id, Info] : S.Syms)
      if (Info.SizeOf)
        Sizes.push_back({Info.SizeOf, Id});
    llvm::sort(Sizes, [](const auto &A, const auto &B) {
      return std::less<const VarDecl *>()(A.first, B.first);
    });
    for (const auto &[VD, Sym] : Sizes)
      symNo(Sym);
    // Encoding one may number others: go on until both lists are done.
    size_t NextRef = 0, NextSym = 0;
    while (NextRef < RefOrder.size() || NextSym < SymOrder.size()) {
      if (NextRef < RefOrder.size())
        ref(RefOrder[NextRef++]);
      else
        sym(SymOrder[NextSym++]);
    }
    Out.push_back(-5);
    for (const auto &[Atom, Truth] : S.Known) {
      Out.push_back(Atom);
      Out.push_back(Truth);
    }
    Out.push_back(-7);
    for (const auto &[VD, Link] : S.Links) {
      Out.push_back(int64_t(reinterpret_cast<uintptr_t>(VD)));
      Out.push_back(Link.first);
      Out.push_back(Link.second);
    }
    Out.push_back(-8);
    for (const auto &[VD, Syms] : S.Below) {
      Out.push_back(int64_t(reinterpret_cast<uintptr_t>(VD)));
      SmallVector<int64_t, 2> Nos;
      for (SymId Sym : Syms)
        Nos.push_back(symNo(Sym));
      llvm::sort(Nos);
      Out.append(Nos.begin(), Nos.end());
      Out.push_back(-9);
    }
    for (const VarDecl *VD : S.NonNegative)
      Out.push_back(int64_t(reinterpret_cast<uintptr_t>(VD)));
    Out.push_back(int64_t(reinterpret_cast<uintptr_t>(S.Defensive)));
    Out.push_back(int64_t(S.Exception));
    SmallVector<int64_t, 2> Pending;
    for (SymId Sym : S.PendingExceptions)
      Pending.push_back(symNo(Sym));
    llvm::sort(Pending);
    Out.append(Pending.begin(), Pending.end());
    Out.push_back(int64_t(reinterpret_cast<uintptr_t>(S.Exit)));
    Out.push_back(S.Dead);
    return std::string(reinterpret_cast<const char *>(Out.data()),
                       Out.size() * sizeof(int64_t));
  }

private:
  int64_t refNo(RefId R) {
    if (!R || !S.Refs.count(R))
      return 0;
    auto [It, Inserted] = RefNo.try_emplace(R, RefNo.size() + 1);
    if (Inserted)
      RefOrder.push_back(R);
    return It->second;
  }

  int64_t symNo(SymId Sym) {
    if (!Sym || !S.Syms.count(Sym))
      return 0;
    auto [It, Inserted] = SymNo.try_emplace(Sym, SymNo.size() + 1);
    if (Inserted)
      SymOrder.push_back(Sym);
    return It->second;
  }

  void value(const Value &V) {
    if (OwnershipOnly && V.K != Value::Kind::Ref) {
      Out.push_back(int64_t(Value::Kind::Unknown));
      return;
    }
    Out.push_back(int64_t(V.K));
    switch (V.K) {
    case Value::Kind::Ref:
      Out.push_back(refNo(V.Id));
      break;
    case Value::Kind::Status:
      Out.push_back(symNo(V.Id));
      break;
    case Value::Kind::Int:
      Out.push_back(V.Int);
      break;
    case Value::Kind::Address:
      Out.push_back(V.Id);
      break;
    case Value::Kind::Unknown:
    case Value::Kind::Null:
    case Value::Kind::ExceptionTest:
    case Value::Kind::NonNull:
      break;
    }
  }

  void ref(RefId R) {
    const RefInfo &Info = S.Refs.at(R);
    Out.push_back(Info.Count);
    Out.push_back(int64_t(Info.Base));
    Out.push_back(int64_t(Info.Null));
    Out.push_back(symNo(Info.Sym));
    Out.push_back(symNo(Info.PendingSteal));
    Out.push_back(refNo(Info.Container));
    Out.push_back(Info.Shared);
    Out.push_back(Info.Retained);
    Out.push_back(Info.Param);
    Out.push_back(int64_t(reinterpret_cast<uintptr_t>(Info.Site)));
    Out.push_back(int64_t(reinterpret_cast<uintptr_t>(Info.Var)));
  }

  void sym(SymId Sym) {
    const SymInfo &Info = S.Syms.at(Sym);
    Out.push_back(int64_t(reinterpret_cast<uintptr_t>(Info.Call)));
    Out.push_back(int64_t(Info.Result));
    Out.push_back(refNo(Info.Object));
    for (RefId R : Info.PendingSteals)
      Out.push_back(refNo(R));
    for (auto [Lo, Hi] : Info.Values.ranges()) {
      Out.push_back(Lo);
      Out.push_back(Hi);
    }
    Out.push_back(int64_t(reinterpret_cast<uintptr_t>(Info.SizeOf)));
    Out.push_back(refNo(Info.NonNullIfTrue));
    for (const SymInfo::WrittenOutput &O : Info.WrittenIfTrue) {
      Out.push_back(int64_t(reinterpret_cast<uintptr_t>(O.Var)));
      Out.push_back(refNo(O.Written));
      Out.push_back(int64_t(O.Before.K));
      Out.push_back(O.Before.Int);
    }
    Out.push_back(-6);
  }

  const PathState &S;
  bool OwnershipOnly;
  DenseMap<RefId, int64_t> RefNo;
  DenseMap<SymId, int64_t> SymNo;
  SmallVector<RefId, 8> RefOrder;
  SmallVector<SymId, 8> SymOrder;
  SmallVector<int64_t, 64> Out;
};
} // namespace

std::string PathState::key(bool OwnershipOnly) const {
  return KeyWriter(*this, OwnershipOnly).write();
}
