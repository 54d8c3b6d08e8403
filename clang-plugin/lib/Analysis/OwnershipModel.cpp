//===- OwnershipModel.cpp - What calls do to references -------------------===//
//
/// \file
/// The ownership model of the path analysis: applying a call's summary
/// (results, argument effects, failure and exception conventions) to a
/// path state, the transitions of one reference (release, steal, retain,
/// use, dereference, rebinding), and turning a violation into an Issue with
/// its trail. Everything about an API comes from its summary.
//
//===----------------------------------------------------------------------===//

#include "PathEngine.h"
#include "pyrefleak/Analysis/FormatString.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
// Not all of llvm: llvm::Value (declared by LLVM 18's headers) would
// clash with the analysis's own.
using llvm::DenseMap;
using llvm::DenseSet;
using llvm::raw_string_ostream;
using namespace pyrefleak;
using namespace pyrefleak::analysis;
using rules::ArgEffect;
using rules::ExceptionKind;
using rules::FailureKind;
using rules::ReturnKind;

/// The local variable whose address \p Arg is (`&item`), if any.
static const VarDecl *addressedVariable(const Expr *Arg) {
  const auto *U = dyn_cast<UnaryOperator>(stripWrappers(Arg));
  if (!U || U->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

/// The local variable \p E names.
static const VarDecl *namedLocal(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(stripWrappers(E));
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

/// A variable a reader knows by name (not a macro's _py_tmp).
static bool isUserVariable(const VarDecl *VD) {
  return VD && VD->getIdentifier() && !VD->getLocation().isMacroID();
}

/// The variable \p E names, if it is one a reader knows.
static const VarDecl *namedVariable(const Expr *E) {
  const auto *Ref = E ? dyn_cast<DeclRefExpr>(stripWrappers(E)) : nullptr;
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return isUserVariable(VD) ? VD : nullptr;
}

/// Whether a function the rules do not know can still be trusted not to
/// touch Python's error indicator: a C library function (declared in a
/// system header) that takes and returns no objects.
static bool cannotSetException(const FunctionDecl *FD,
                               const SourceManager &SrcMgr) {
  if (!FD)
    return false;
  if (FD->getBuiltinID())
    return true;
  if (!SrcMgr.isInSystemHeader(FD->getLocation()))
    return false;
  if (isObjectPointerType(FD->getReturnType()))
    return false;
  return llvm::none_of(FD->parameters(), [](const ParmVarDecl *P) {
    return isObjectPointerType(P->getType());
  });
}

/// The values of a fallible call's result that mean failure and success.
static void outcomeSets(const Summary &Sum, SymInfo &Sym) {
  switch (Sum.failure()) {
  case FailureKind::None:
    Sym.Failure = IntSet::empty();
    Sym.Success = IntSet::all();
    return;
  case FailureKind::Null:
  case FailureKind::Zero:
    Sym.Failure = IntSet::single(0);
    Sym.Success = IntSet::nonZero();
    return;
  case FailureKind::MinusOne:
    // A status is 0/-1; a value may also be -1 when it succeeds
    // (PyLong_AsLong), so only other values prove success.
    Sym.Failure = IntSet::single(-1);
    Sym.Success = Sum.Returns == ReturnKind::Status
                      ? IntSet::range(0, IntSet::Max)
                      : IntSet::all();
    return;
  case FailureKind::Negative:
    Sym.Failure = IntSet::range(IntSet::Min, -1);
    Sym.Success = IntSet::range(0, IntSet::Max);
    return;
  case FailureKind::Sentinel:
    Sym.Failure = IntSet::single(*Sum.Sentinel);
    Sym.Success = Sym.Failure.complement();
    return;
  }
  llvm_unreachable("unhandled FailureKind");
}

Value PathEngine::call(const CallExpr *Call, PathState &S) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (isTransparent(Callee))
    return Call->getNumArgs() ? valueOf(Call->getArg(0), S) : Value::unknown();
  if (returnsFirstArgument(Call))
    return valueOf(Call->getArg(0), S);
  const Summary *Sum = SM.lookup(Call);
  if (!Sum)
    return unknownCall(Call, S);
  StringRef API = SM.spelledName(Call, *Sum, Ctx);
  FailureKind Failure = Sum->failure();
  ExceptionKind Exception = Sum->exception();
  // A call whose only failure this path rules out: an index proven in
  // range, a cached small int.
  if (Failure != FailureKind::None &&
      ((Sum->Bounds && indexInRange(Call, *Sum->Bounds, S)) ||
       (Sum->CannotFail && cannotFail(Call, *Sum->CannotFail, S)))) {
    Failure = FailureKind::None;
    if (Exception == ExceptionKind::OnFailure ||
        Exception == ExceptionKind::Maybe)
      Exception = ExceptionKind::Never;
  }

  SymId Sym = 0;
  const VarDecl *Measured = nullptr;
  if (Sum->SizeOf && *Sum->SizeOf < Call->getNumArgs())
    if (const VarDecl *VD = namedLocal(Call->getArg(*Sum->SizeOf));
        VD && isTracked(VD))
      Measured = VD;
  // The same object measured again: the same size (and what branches
  // proved of it).
  bool Remeasured = false;
  if (Measured)
    for (const auto &[Id, Info] : S.Syms)
      if (Info.SizeOf == Measured) {
        Sym = Id;
        Remeasured = true;
      }
  // A predicate that is false for NULL: its truth proves the argument.
  RefId Tested = 0;
  for (const rules::ArgRule &A : Sum->Args)
    if (A.FalseForNull && A.Index < Call->getNumArgs())
      if (Value V = valueOf(Call->getArg(A.Index), S); S.ref(V))
        Tested = V.Id;
  bool WritesIfTrue = llvm::any_of(
      Sum->Args, [](const rules::ArgRule &A) { return A.WrittenIfTrue; });
  if ((Failure != FailureKind::None || Measured || Tested || WritesIfTrue) &&
      !Remeasured) {
    SymInfo Info;
    Info.Call = Call;
    Info.API = API;
    Info.Exception = Exception;
    outcomeSets(*Sum, Info);
    if (Failure == FailureKind::None) {
      Info.Failure = IntSet::empty();
      Info.Success = IntSet::all();
    }
    Info.NonNullIfTrue = Tested;
    if (Measured) {
      Info.SizeOf = Measured;
      Info.Values = IntSet::range(0, IntSet::Max);
      if (Failure != FailureKind::None)
        Info.Values = Info.Failure.complement()
                          .intersect(Info.Values.complement())
                          .complement();
    }
    Sym = S.newSym(std::move(Info));
  }

  SmallVector<bool, 8> Handled(Call->getNumArgs(), false);
  if (Sum->Format && Sum->Format->Kind != rules::FormatKind::Build)
    parseOutputs(Call, *Sum, Handled, S);
  // What a stealing call puts the stolen object into: its first argument
  // (PyList_SET_ITEM, PyTuple_SetItem, PyException_SetCause).
  RefId Container = 0;
  if (Call->getNumArgs())
    if (Value First = valueOf(Call->getArg(0), S); First.isRef())
      Container = First.Id;

  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    if (Handled[I])
      continue;
    const Expr *Arg = Call->getArg(I);
    const rules::ArgRule *Rule = Sum->arg(I);
    std::optional<ArgEffect> Effect = argumentEffect(Call, I, SM, Ctx);
    if (const VarDecl *VD = addressedVariable(Arg); VD && isTracked(VD)) {
      outArgument(Call, VD, Effect, S, Rule, Sym);
      continue;
    }
    Value V = valueOf(Arg, S);
    if (V.K == Value::Kind::Address) {
      clobber(S, V.Id);
      continue;
    }
    if (!V.isRef()) {
      if (Rule && Rule->Derefs)
        markDereferenced(Arg, S);
      continue;
    }
    RefId R = V.Id;
    NameHint = namedVariable(Arg);
    auto ClearHint = llvm::make_scope_exit([&] { NameHint = nullptr; });
    if (Rule && Rule->Derefs)
      dereference(S, R, Arg, API);
    if (!S.ref(R))
      continue;
    if (!Effect) {
      // A variadic argument whose meaning is unknown: stored, perhaps.
      use(S, R, Arg);
      if (S.ref(R))
        S.forget(R);
      continue;
    }
    switch (*Effect) {
    case ArgEffect::Borrows:
      use(S, R, Arg);
      // The headers' inline accessors only look; a function may keep it
      // (PyDict_SetItem's value), dereferenced or not.
      if (RefInfo *Info = S.ref(R);
          Info && !(Rule && Rule->Derefs && Callee && Callee->isInlined()))
        Info->Shared = true;
      break;
    case ArgEffect::Steals:
      steal(S, R, Call, Arg, API, I, R == Container ? 0 : Container);
      break;
    case ArgEffect::Keeps:
      // Only an owned reference is handed over; a borrowed one is just held.
      use(S, R, Arg);
      if (RefInfo *Info = S.ref(R); Info && Info->Count > 0 && Sym) {
        Info->PendingSteal = Sym;
        S.sym(Sym)->PendingSteals.push_back(R);
      } else if (Info) {
        Info->Shared = true;
      }
      break;
    case ArgEffect::StealsOnSuccess:
      use(S, R, Arg);
      if (RefInfo *Info = S.ref(R)) {
        if (Sym && Info->Count > 0 && resultIgnored(Call)) {
          // Nothing can tell the failure that keeps it the caller's.
          reportIgnoredStatus(S, Call, *Sum, API, R, I);
          steal(S, R, Call, Arg, API, I, R == Container ? 0 : Container);
        } else if (Sym && Info->Count > 0) {
          Info->PendingSteal = Sym;
          S.sym(Sym)->PendingSteals.push_back(R);
        } else {
          steal(S, R, Call, Arg, API, I, R == Container ? 0 : Container);
        }
      }
      break;
    case ArgEffect::Releases:
      release(S, R, Call, API, Arg);
      break;
    case ArgEffect::Retains:
      retain(S, R, Call, /*IntoStorage=*/true);
      break;
    case ArgEffect::Stores:
      // Kept where the callee put it: an owned reference is taken there,
      // a borrowed one was the caller's to make sure of.
      use(S, R, Arg);
      if (S.ref(R))
        S.forget(R);
      break;
    case ArgEffect::OutNew:
    case ArgEffect::OutBorrowed:
    case ArgEffect::StealsAndOutNew:
      // Not the address of a variable: memory the analysis does not see.
      break;
    }
  }

  // An item set without releasing the one it replaces (PyList_SET_ITEM).
  if (Sum->SetsSlot)
    if (unsigned Item = locateItem(Call, *Sum->SetsSlot, S))
      store(S, Item, valueOf(Call->getArg(Sum->SetsSlot->Value), S), Call,
            /*Taken=*/true);

  // A function of the project may change any field or global; the API's
  // rules say all it does.
  if (const IdentifierInfo *II = Callee ? Callee->getIdentifier() : nullptr;
      !II || !SM.rules().lookup(II->getName(), SM.version(),
                                Callee->getNumParams(), /*Declared=*/true))
    forgetStorage(S);

  switch (Remeasured ? ExceptionKind::Never : Exception) {
  case ExceptionKind::Never:
  case ExceptionKind::Test:
    break;
  case ExceptionKind::OnFailure:
  case ExceptionKind::Maybe:
    if (Sym)
      S.PendingExceptions.push_back(Sym);
    else if (S.Exception == ExceptionBase::None)
      S.Exception = ExceptionBase::Maybe;
    break;
  case ExceptionKind::Always:
    S.Exception = ExceptionBase::Set;
    S.PendingExceptions.clear();
    break;
  case ExceptionKind::Clears:
    S.Exception = ExceptionBase::None;
    S.PendingExceptions.clear();
    break;
  }

  if (Sum->NoReturn || (Callee && Callee->isNoReturn())) {
    S.Dead = true;
    return Value::unknown();
  }
  if (Exception == ExceptionKind::Test)
    return Value::exceptionTest();

  bool AlreadyReported = Reported && Reported->count(Call);
  switch (Sum->Returns) {
  case ReturnKind::New:
  case ReturnKind::Borrowed: {
    if (AlreadyReported)
      return Value::unknown();
    bool New = Sum->Returns == ReturnKind::New;
    RefInfo Info;
    Info.Count = New ? 1 : 0;
    Info.Base = New ? RefBase::None : RefBase::Borrowed;
    Info.Null = Failure == FailureKind::Null   ? Nullness::MaybeNull
                : Failure == FailureKind::None ? Nullness::NonNull
                                               : Nullness::Unchecked;
    Info.Sym = Failure == FailureKind::Null ? Sym : 0;
    Info.Site = Call;
    Info.API = API;
    RefId R = S.newRef(std::move(Info));
    if (Failure == FailureKind::Null && Sym)
      S.sym(Sym)->Object = R;
    S.addStep(New ? TrailStep::Kind::Created : TrailStep::Kind::Borrowed,
              Call->getBeginLoc(), R, API);
    return Value::ref(R);
  }
  case ReturnKind::AliasNew: {
    Value V = Sum->Alias && *Sum->Alias < Call->getNumArgs()
                  ? valueOf(Call->getArg(*Sum->Alias), S)
                  : Value::unknown();
    if (V.K == Value::Kind::Null)
      return V;
    if (S.ref(V)) {
      retain(S, V.Id, Call);
      return S.ref(V) ? V : Value::unknown();
    }
    if (AlreadyReported)
      return Value::unknown();
    // A new reference to an object not followed so far.
    RefInfo Info;
    Info.Count = 1;
    Info.Base = RefBase::Borrowed;
    Info.Retained = true;
    Info.Site = Call;
    Info.API = API;
    RefId R = S.newRef(std::move(Info));
    S.addStep(TrailStep::Kind::Created, Call->getBeginLoc(), R, API);
    return Value::ref(R);
  }
  case ReturnKind::AlwaysNull:
    return Value::null();
  case ReturnKind::Status:
  case ReturnKind::Value:
    if (Sum->Constant)
      return Value::integer(*Sum->Constant);
    return Sym ? Value::status(Sym) : Value::unknown();
  }
  llvm_unreachable("unhandled ReturnKind");
}

bool PathEngine::indexInRange(const CallExpr *Call, const rules::BoundsRule &B,
                              PathState &S) {
  if (B.Object >= Call->getNumArgs() || B.Index >= Call->getNumArgs())
    return false;
  const VarDecl *Object = namedLocal(Call->getArg(B.Object));
  if (!Object)
    return false;
  const Expr *IndexArg = Call->getArg(B.Index);
  Value Index = valueOf(IndexArg, S);
  const VarDecl *IndexVar = namedLocal(IndexArg);
  bool NonNegative =
      (Index.K == Value::Kind::Int && Index.Int >= 0) ||
      (IndexVar && (S.NonNegative.count(IndexVar) ||
                    IndexVar->getType()->isUnsignedIntegerType()));
  if (!NonNegative)
    return false;
  for (const auto &[Id, Sym] : S.Syms) {
    if (Sym.SizeOf != Object)
      continue;
    // A constant below every size left possible.
    if (Index.K == Value::Kind::Int &&
        Sym.Values.intersect(IntSet::range(IntSet::Min, Index.Int)).isEmpty())
      return true;
    if (IndexVar) {
      auto It = S.Below.find(IndexVar);
      if (It != S.Below.end() && llvm::is_contained(It->second, Id))
        return true;
    }
  }
  return false;
}

bool PathEngine::cannotFail(const CallExpr *Call, const rules::CannotFailRule &C,
                            PathState &S) {
  if (C.Index >= Call->getNumArgs())
    return false;
  Expr::EvalResult Result;
  const Expr *Arg = Call->getArg(C.Index);
  Value V = valueOf(Arg, S);
  std::optional<int64_t> K;
  if (V.K == Value::Kind::Int)
    K = V.Int;
  else if (Arg->EvaluateAsInt(Result, Ctx) &&
           Result.Val.getInt().getSignificantBits() <= 64)
    K = Result.Val.getInt().getSExtValue();
  return K && *K >= C.Min && *K <= C.Max;
}

Value PathEngine::unknownCall(const CallExpr *Call, PathState &S) {
  for (const Expr *Arg : Call->arguments()) {
    if (const VarDecl *VD = addressedVariable(Arg); VD && isTracked(VD)) {
      outArgument(Call, VD, std::nullopt, S);
      continue;
    }
    Value V = valueOf(Arg, S);
    if (!V.isRef())
      continue;
    // Whatever it does with the object, the analysis cannot follow.
    use(S, V.Id, Arg);
    if (S.ref(V))
      S.forget(V.Id);
  }
  forgetStorage(S);
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!cannotSetException(Callee, Ctx.getSourceManager())) {
    S.Exception = ExceptionBase::Maybe;
    S.PendingExceptions.clear();
  }
  if (Callee && Callee->isNoReturn())
    S.Dead = true;
  return Value::unknown();
}

void PathEngine::parseOutputs(const CallExpr *Call, const Summary &Sum,
                              SmallVectorImpl<bool> &Handled, PathState &S) {
  const rules::FormatRule &Format = *Sum.Format;
  unsigned First = Format.firstVararg();
  std::optional<ParsedFormat> Parsed;
  if (Format.Index < Call->getNumArgs())
    if (const auto *Literal = dyn_cast<clang::StringLiteral>(
            Call->getArg(Format.Index)->IgnoreParenImpCasts());
        Literal && Literal->isOrdinary()) {
      auto Result = parseFormat(Literal->getString(), Format.Kind,
                                SM.rules().formatUnits(), SM.version());
      if (auto *Units = std::get_if<ParsedFormat>(&Result))
        Parsed = std::move(*Units);
    }
  for (unsigned I = First; I < Call->getNumArgs(); ++I) {
    const VarDecl *VD = addressedVariable(Call->getArg(I));
    if (!VD || !isTracked(VD))
      continue;
    Handled[I] = true;
    const FormatSlot *Slot = Parsed ? Parsed->slotOf(I - First) : nullptr;
    std::optional<ArgEffect> Effect;
    if (Slot && isObjectPointerType(VD->getType()) &&
        (Slot->Unit->Reference == ArgEffect::OutBorrowed ||
         Slot->Unit->Reference == ArgEffect::OutNew))
      Effect = Slot->Unit->Reference;
    outArgument(Call, VD, Effect, S);
  }
}

void PathEngine::outArgument(const CallExpr *Call, const VarDecl *VD,
                             std::optional<ArgEffect> Effect, PathState &S,
                             const rules::ArgRule *Rule, SymId Sym) {
  StringRef API;
  if (const Summary *Sum = SM.lookup(Call))
    API = SM.spelledName(Call, *Sum, Ctx);
  Value Old = S.Vars.count(VD) ? S.Vars[VD] : Value::unknown();
  if (Effect == ArgEffect::StealsAndOutNew && Old.isRef())
    steal(S, Old.Id, Call, nullptr, API, 0, 0);
  if (Effect == ArgEffect::OutNew || Effect == ArgEffect::StealsAndOutNew ||
      Effect == ArgEffect::OutBorrowed) {
    bool New = Effect != ArgEffect::OutBorrowed;
    RefInfo Info;
    Info.Count = New ? 1 : 0;
    Info.Base = New ? RefBase::None : RefBase::Borrowed;
    Info.Site = Call;
    Info.API = API;
    Info.Var = VD;
    if (Rule && Rule->OutNullable)
      Info.Null = Nullness::Optional;
    // A new reference written exactly when a status call succeeds (NULL
    // otherwise: _PyBytes_Resize): the call's result says which.
    SymInfo *Outcome =
        New && !(Rule && Rule->OutNullable) ? S.sym(Sym) : nullptr;
    bool Tied = Outcome && !Outcome->Object;
    if (Tied)
      Info.Sym = Sym;
    RefId R = S.newRef(std::move(Info));
    if (Tied)
      Outcome->Object = R;
    if (SymInfo *Result = S.sym(Sym); Result && Rule && Rule->WrittenIfTrue) {
      bool Plain = !Old.isRef() && Old.K != Value::Kind::Status &&
                   Old.K != Value::Kind::Address;
      Result->WrittenIfTrue.push_back(
          {VD, R, Plain ? Old : Value::unknown()});
    }
    S.addStep(New ? TrailStep::Kind::Created : TrailStep::Kind::Borrowed,
              Call->getBeginLoc(), R, API);
    bind(S, VD, Value::ref(R), Call, /*Redeclared=*/false);
    return;
  }
  // The callee may store anything there, or keep the old object.
  if (Old.isRef() && S.ref(Old))
    S.forget(Old.Id);
  moved(S, VD);
  invalidate(S, VD);
  S.Vars[VD] = Value::unknown();
}

void PathEngine::markDereferenced(const Expr *E, PathState &S) {
  const auto *Ref = dyn_cast<DeclRefExpr>(stripWrappers(E));
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || !isTracked(VD))
    return;
  auto It = S.Vars.find(VD);
  if (It != S.Vars.end() && It->second.K == Value::Kind::Unknown)
    It->second = Value::nonNull();
}

void PathEngine::use(PathState &S, RefId R, const Expr *At) {
  RefInfo *Info = S.ref(R);
  // An object passed where it may be kept (PyDict_SetItem keeps its value)
  // can outlive the last reference this function owned.
  if (!Info || Info->state() != RefState::Released || Info->Shared)
    return;
  report(S, IssueKind::UseAfterRelease, At, R);
  S.forget(R);
}

void PathEngine::dereference(PathState &S, RefId R, const Expr *At,
                             StringRef API) {
  RefInfo *Info = S.ref(R);
  if (!Info)
    return;
  if (Info->Null == Nullness::Null) {
    // Tested and found NULL, then dereferenced anyway.
    report(S, IssueKind::NullDereference, At, R, API, {}, {}, "NULL");
    S.forget(R);
    return;
  }
  if (Info->Null != Nullness::MaybeNull) {
    // It would have crashed otherwise: from here on it is not NULL.
    Info->Null = Nullness::NonNull;
    return;
  }
  report(S, IssueKind::NullDereference, At, R, API);
  // Reported once; from here on the path goes on as if it was not NULL.
  Info = S.ref(R);
  Info->Null = Nullness::NonNull;
  if (Info->Sym)
    resolve(S, Info->Sym, Outcome::Success);
}

std::optional<StorageLocation> PathEngine::resolve(const Expr *E,
                                                  PathState &S) {
  E = E->IgnoreParens();
  auto [Cached, New] = Written.try_emplace(E);
  if (New)
    Cached->second = StorageLocation::classify(E, Ctx);
  StorageLocation L = Cached->second;
  const VarDecl *Root = L.rootVariable();
  if (!Root)
    return std::nullopt;
  if (Root->hasLocalStorage()) {
    // Its address may be used where the analysis does not look.
    if (Untracked.count(Root))
      return std::nullopt;
    // Through a pointer to a place, that place (Py_SETREF's `*_tmp_dst_ptr`).
    auto It = S.Vars.find(Root);
    if (It != S.Vars.end() && It->second.K == Value::Kind::Address) {
      L = L.rebase(location(It->second.Id));
      if (!L.rootVariable())
        return std::nullopt;
    }
  }
  // An index variable's value, where the path knows it; but not for a
  // local array, whose slots stay the function's to release: a loop's
  // first trip would know its slot, the next ones not.
  if (L.outlivesFrame())
    L = L.withConstantIndices([&](const VarDecl *VD, int64_t &C) {
      auto It = S.Vars.find(VD);
      if (It == S.Vars.end() || It->second.K != Value::Kind::Int)
        return false;
      C = It->second.Int;
      return true;
    });
  return L;
}

unsigned PathEngine::intern(StorageLocation L) {
  // Only places that stay put while the path goes on: slots whose index is
  // known.
  if (!L.isNamed() || L.kind() == StorageLocation::Kind::Local ||
      L.kind() == StorageLocation::Kind::Unknown ||
      llvm::any_of(L.steps(), [](const StorageStep &Step) {
        return Step.K == StorageStep::Kind::Slot &&
               Step.Index.K != SlotIndex::Kind::Constant;
      }))
    return 0;
  auto [Id, Inserted] = LocationIds.try_emplace(L, Locations.size() + 1);
  if (Inserted) {
    LocationNames.push_back(L.spelling());
    Locations.push_back(std::move(L));
  }
  return Id->second;
}

unsigned PathEngine::locate(const Expr *E, PathState &S) {
  std::optional<StorageLocation> L = resolve(E, S);
  return L ? intern(std::move(*L)) : 0;
}

unsigned PathEngine::locateItem(const CallExpr *Call,
                                const rules::SlotRule &Rule, PathState &S) {
  unsigned N = Call->getNumArgs();
  if (Rule.Object >= N || Rule.Index >= N || Rule.Value >= N)
    return 0;
  std::optional<StorageLocation> Object =
      resolve(stripWrappers(Call->getArg(Rule.Object)), S);
  Value Index = valueOf(Call->getArg(Rule.Index), S);
  if (!Object || Index.K != Value::Kind::Int)
    return 0;
  return intern(Object->element(Index.Int));
}

Value PathEngine::load(const Expr *E, PathState &S) {
  unsigned Location = locate(E, S);
  auto It = Location ? S.Stored.find(Location) : S.Stored.end();
  if (It == S.Stored.end())
    return Location ? ownedOnEntry(E, Location, S) : Value::unknown();
  if (!It->second.Ref)
    return Value::null();
  return S.ref(It->second.Ref) ? Value::ref(It->second.Ref) : Value::unknown();
}

Value PathEngine::ownedOnEntry(const Expr *E, unsigned Location,
                               PathState &S) {
  const StorageLocation &L = location(Location);
  const FieldDecl *Field = L.field();
  if (M != Mode::Check || !Role.PythonFacing || !Role.OwningFields ||
      !Field || !Role.OwningFields->count(Field) ||
      !isa_and_nonnull<ParmVarDecl>(L.rootVariable()) ||
      L.steps().size() != 1 || !isObjectPointerType(Field->getType()))
    return Value::unknown();
  // The object's own reference, or NULL: nothing to release until a test
  // shows it is not NULL.
  RefInfo Info;
  Info.Base = RefBase::Stolen;
  Info.Null = Nullness::Optional;
  Info.Site = E;
  Info.Name = LocationNames[Location - 1];
  RefId R = S.newRef(std::move(Info));
  S.Stored[Location] = StoredRef{R, /*Owns=*/true, /*Local=*/false};
  return Value::ref(R);
}

DenseSet<const FieldDecl *>
pyrefleak::analysis::findOwningFields(ASTContext &Ctx,
                                      const SummaryManager &SM) {
  DenseSet<const FieldDecl *> Owning;
  // Variables holding a field's value or address (the temporaries of
  // Py_CLEAR and Py_SETREF).
  DenseMap<const VarDecl *, const FieldDecl *> Copies;
  auto FieldOf = [&](const Expr *E) -> const FieldDecl * {
    StorageLocation L = StorageLocation::classify(E, Ctx);
    if (const FieldDecl *F = L.field())
      return isObjectPointerType(F->getType()) ? F : nullptr;
    if (const VarDecl *VD = L.rootVariable(); VD && L.steps().size() <= 1)
      return Copies.lookup(VD);
    return nullptr;
  };
  SmallVector<const Stmt *, 64> Stack;
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (const auto *FD = dyn_cast<FunctionDecl>(D);
        FD && FD->doesThisDeclarationHaveABody())
      Stack.push_back(FD->getBody());
  while (!Stack.empty()) {
    const Stmt *St = Stack.pop_back_val();
    if (!St)
      continue;
    // Children in source order: a temporary is declared before it is
    // released.
    SmallVector<const Stmt *, 8> Children(St->child_begin(), St->child_end());
    Stack.append(Children.rbegin(), Children.rend());
    if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit()) {
          const Expr *Init = stripWrappers(VD->getInit());
          if (const auto *Addr = dyn_cast<UnaryOperator>(Init);
              Addr && Addr->getOpcode() == UO_AddrOf)
            Init = Addr->getSubExpr();
          if (const FieldDecl *F = FieldOf(Init))
            Copies[VD] = F;
        }
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(St);
    if (!Call || !SM.lookup(Call))
      continue;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      std::optional<ArgEffect> Effect = argumentEffect(Call, I, SM, Ctx);
      if (Effect != ArgEffect::Releases)
        continue;
      if (const FieldDecl *F = FieldOf(stripWrappers(Call->getArg(I))))
        Owning.insert(F);
    }
  }
  return Owning;
}

void PathEngine::store(PathState &S, unsigned Location, Value V,
                       const Stmt *At, bool Taken) {
  const StorageLocation &L = location(Location);
  bool Local = !L.outlivesFrame();
  // What was reached through the old content is not reached through the
  // new one (`self->state = other;` moves `self->state->x`).
  for (auto It = S.Stored.begin(); It != S.Stored.end();) {
    const StorageLocation &Inner = location(It->first);
    if (It->first != Location && Inner.startsWith(L)) {
      RefId Old = It->second.Ref;
      bool Owned = It->second.Owns;
      It = S.Stored.erase(It);
      if (Owned && S.ref(Old) && S.ref(Old)->Count == 0)
        S.forget(Old);
      continue;
    }
    ++It;
  }
  if (auto It = S.Stored.find(Location); It != S.Stored.end()) {
    StoredRef Old = It->second;
    S.Stored.erase(It);
    RefInfo *Info = S.ref(Old.Ref);
    if (Info && !(V.isRef() && V.Id == Old.Ref) &&
        Info->Null != Nullness::Null && !Info->PendingSteal) {
      bool Held = S.heldByOtherVariable(Old.Ref, nullptr);
      // Optional: maybe NULL, so maybe nothing was lost.
      bool Known = Info->Null != Nullness::Optional;
      if (Old.Owns && Held) {
        // The variable that still holds it owns it now (Py_SETREF's
        // temporary, released next).
        ++Info->Count;
        if (Info->Base == RefBase::Stolen && !Info->Container)
          Info->Base = RefBase::None;
      } else if (!Held && Known &&
                 (Old.Owns || (Old.Local && Info->Count > 0))) {
        StorageName = LocationNames[Location - 1];
        report(S, IssueKind::LeakOverwritten, At, Old.Ref);
        StorageName = {};
        S.forget(Old.Ref);
      }
    }
  }
  RefInfo *Info = S.ref(V);
  if (!Info) {
    if (V.K == Value::Kind::Null)
      S.Stored[Location] = StoredRef{0, false, Local};
    return;
  }
  StoredRef New{V.Id, Taken, Local};
  if (!Taken && !Local && Info->Count > 0 && Info->Null != Nullness::Null) {
    --Info->Count;
    New.Owns = true;
    if (Info->Count == 0 && Info->Base == RefBase::None) {
      Info->Base = RefBase::Stolen;
      Info->Container = 0;
    }
  }
  if (!isUserVariable(Info->Var) && Info->Name.empty())
    Info->Name = LocationNames[Location - 1];
  S.Stored[Location] = New;
}

void PathEngine::clobber(PathState &S, unsigned Location) {
  auto It = S.Stored.find(Location);
  if (It == S.Stored.end())
    return;
  StoredRef Old = It->second;
  S.Stored.erase(It);
  if (Old.Owns && S.ref(Old.Ref) && S.ref(Old.Ref)->Count == 0)
    S.forget(Old.Ref);
}

void PathEngine::moved(PathState &S, const VarDecl *VD) {
  if (S.Stored.empty())
    return;
  SmallVector<unsigned, 4> Gone;
  for (const auto &[Location, Entry] : S.Stored)
    if (location(Location).mentions(VD))
      Gone.push_back(Location);
  for (unsigned Location : Gone)
    clobber(S, Location);
}

void PathEngine::forgetStorage(PathState &S) {
  SmallVector<unsigned, 4> Gone;
  for (const auto &[Location, Entry] : S.Stored)
    if (!Entry.Local)
      Gone.push_back(Location);
  for (unsigned Location : Gone)
    clobber(S, Location);
}

bool PathEngine::takeFromStorage(PathState &S, RefId R, const Expr *Arg) {
  RefInfo *Info = S.ref(R);
  if (!Info)
    return false;
  unsigned Named = Arg ? locate(stripWrappers(Arg), S) : 0;
  for (auto &[Location, Entry] : S.Stored)
    if (Entry.Ref == R && Entry.Owns && !Entry.Local &&
        // What a followed container took is released through it (its
        // slot), not through a variable that still points to it.
        (!Info->Container || Location == Named)) {
      Entry.Owns = false;
      if (!S.ownedByStorage(R) && Info->Base == RefBase::Stolen) {
        Info->Base = RefBase::Dead;
        Info->Container = 0;
      }
      return true;
    }
  return false;
}

bool PathEngine::resultIgnored(const CallExpr *Call) {
  const Stmt *E = Call;
  while (true) {
    const Stmt *P = Parents->getParent(E);
    const auto *Wrapper = dyn_cast_or_null<CallExpr>(P);
    if (P && (isa<ParenExpr, CastExpr>(P) ||
              (Wrapper && returnsFirstArgument(Wrapper) &&
               isTransparent(Wrapper->getDirectCallee())))) {
      E = P;
      continue;
    }
    return endsStatement(E);
  }
}

void PathEngine::reportIgnoredStatus(PathState &S, const CallExpr *Call,
                                     const Summary &Sum, StringRef API,
                                     RefId R, unsigned Index) {
  Issue *I = report(S, IssueKind::LeakIgnoredStatus, Call, R, API, Index);
  if (!I)
    return;
  // The first replacement the headers declare for this target: one that
  // always steals replaces the name; one that does not is advice.
  for (const std::string &Name : Sum.ReplacedBy) {
    const Summary *Other = SM.rules().lookup(Name, SM.version());
    IdentifierInfo *II = &Ctx.Idents.get(Name);
    if (!Other || Ctx.getTranslationUnitDecl()->lookup(II).empty())
      continue;
    const rules::ArgRule *Arg = Other->arg(Index);
    const auto *Callee =
        dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts());
    if (Arg && Arg->Effect == ArgEffect::Steals) {
      if (Callee && Callee->getLocation().isFileID())
        I->FixIts.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(Callee->getLocation()), Name));
      return;
    }
    if (I->Detail.empty())
      I->Detail = Name;
  }
}

void PathEngine::killContents(PathState &S, RefId Container, const Expr *At,
                              StringRef API) {
  const RefInfo *Owner = S.ref(Container);
  // Someone else may hold the container (it was passed where it can be
  // kept), and with it what it owns.
  if (!Owner || Owner->Shared)
    return;
  StringRef OwnerName = nameOf(S, Container);
  for (auto &[Id, Info] : S.Refs) {
    if (Info.Base != RefBase::Stolen || Info.Container != Container ||
        Info.Count > 0)
      continue;
    Info.Base = RefBase::Dead;
    S.addStep(TrailStep::Kind::ContainerReleased, At->getBeginLoc(), Id, API,
              OwnerName);
  }
}

/// Which mistake releasing (or handing to a stealing call) \p Info is when
/// the function owns no reference to it: a borrowed object the function
/// once retained has had that reference given away already.
static IssueKind overReleaseKind(const RefInfo &Info) {
  return Info.state() == RefState::Borrowed && !Info.Retained
             ? IssueKind::ReleaseOfBorrowed
             : IssueKind::ReleaseOfReleased;
}

void PathEngine::release(PathState &S, RefId R, const Expr *At, StringRef API,
                         const Expr *Arg) {
  RefInfo *Info = S.ref(R);
  if (!Info || Info->Null == Nullness::Null)
    return;
  if (Info->state() != RefState::Owned) {
    if (takeFromStorage(S, R, Arg)) {
      S.addStep(TrailStep::Kind::Released, At->getBeginLoc(), R, API);
      return;
    }
    report(S, overReleaseKind(*Info), At, R, API);
    S.forget(R);
    return;
  }
  --Info->Count;
  S.addStep(TrailStep::Kind::Released, At->getBeginLoc(), R, API);
  if (Info->Count == 0 && Info->Base == RefBase::None) {
    Info->Base = RefBase::Dead;
    killContents(S, R, At, API);
  }
}

void PathEngine::steal(PathState &S, RefId R, const Expr *At, const Expr *Arg,
                       StringRef API, unsigned Index, RefId Container) {
  RefInfo *Info = S.ref(R);
  if (!Info || Info->Null == Nullness::Null)
    return;
  RefState State = Info->state();
  if (State == RefState::Owned) {
    --Info->Count;
    S.addStep(TrailStep::Kind::Stolen, At->getBeginLoc(), R, API);
    if (Info->Count == 0 && Info->Base == RefBase::None) {
      Info->Base = RefBase::Stolen;
      Info->Container = Container;
    }
    return;
  }
  // The place's reference handed on (`PyTuple_SET_ITEM(t, 0, self->x);
  // self->x = NULL;`).
  if (takeFromStorage(S, R, Arg)) {
    S.addStep(TrailStep::Kind::Stolen, At->getBeginLoc(), R, API);
    return;
  }
  // A borrowed result passed inline is the definite checks' finding; this
  // analysis speaks of references held in variables.
  if (Arg && !isa<DeclRefExpr>(stripWrappers(Arg))) {
    S.forget(R);
    return;
  }
  report(S, overReleaseKind(*Info), At, R, API, Index);
  S.forget(R);
}

void PathEngine::retain(PathState &S, RefId R, const Expr *At,
                        bool IntoStorage) {
  use(S, R, At);
  RefInfo *Info = S.ref(R);
  if (!Info || Info->Null == Nullness::Null)
    return;
  if (IntoStorage)
    for (auto &[Location, Entry] : S.Stored)
      if (Entry.Ref == R && !Entry.Owns && !Entry.Local) {
        Entry.Owns = true;
        Info->Retained = true;
        S.addStep(TrailStep::Kind::Acquired, At->getBeginLoc(), R);
        return;
      }
  ++Info->Count;
  Info->Retained = true;
  S.addStep(TrailStep::Kind::Acquired, At->getBeginLoc(), R);
}

void PathEngine::resolve(PathState &S, SymId Id, Outcome O) {
  SymInfo *Sym = S.sym(Id);
  if (!Sym || Sym->Result != Outcome::Unknown)
    return;
  Sym->Result = O;
  llvm::erase(S.PendingExceptions, Id);
  SmallVector<RefId, 1> Pending = std::move(Sym->PendingSteals);
  Sym->PendingSteals.clear();
  const CallExpr *Call = Sym->Call;
  StringRef API = Sym->API;
  if (O == Outcome::Failure) {
    if (Sym->Exception == ExceptionKind::OnFailure ||
        Sym->Exception == ExceptionKind::Always)
      S.Exception = ExceptionBase::Set;
    else if (Sym->Exception == ExceptionKind::Maybe &&
             S.Exception == ExceptionBase::None)
      S.Exception = ExceptionBase::Maybe;
    if (RefInfo *Object = S.ref(Sym->Object))
      Object->Null = Nullness::Null;
    for (RefId R : Pending)
      if (RefInfo *Info = S.ref(R)) {
        Info->PendingSteal = 0;
        S.addStep(TrailStep::Kind::StolenOnSuccessFailed, Call->getBeginLoc(),
                  R, API);
      }
    return;
  }
  if (RefInfo *Object = S.ref(Sym->Object);
      Object && Object->Null != Nullness::Null)
    Object->Null = Nullness::NonNull;
  for (RefId R : Pending)
    if (RefInfo *Info = S.ref(R)) {
      Info->PendingSteal = 0;
      steal(S, R, Call, nullptr, API, 0, 0);
    }
}

void PathEngine::bind(PathState &S, const VarDecl *VD, Value V, const Stmt *At,
                      bool Redeclared, SourceLocation ScopeEnd) {
  invalidate(S, VD);
  auto It = S.Vars.find(VD);
  if (It != S.Vars.end() && It->second.isRef() &&
      !(V.isRef() && V.Id == It->second.Id)) {
    RefId Old = It->second.Id;
    const RefInfo *Info = S.ref(Old);
    if (Info && Info->Count > 0 && Info->Null != Nullness::Null &&
        Info->Null != Nullness::Optional && !Info->PendingSteal &&
        !S.heldByOtherVariable(Old, VD)) {
      if (Redeclared)
        report(S, IssueKind::LeakOnPath, At, Old, {}, {}, ScopeEnd);
      else
        report(S, IssueKind::LeakOverwritten, At, Old);
      S.forget(Old);
    }
  }
  moved(S, VD);
  S.Vars[VD] = V;
  if (RefInfo *Info = S.ref(V);
      Info && !isUserVariable(Info->Var) && isUserVariable(VD))
    Info->Var = VD;
}

StringRef PathEngine::nameOf(const PathState &S, RefId R) const {
  auto It = S.Refs.find(R);
  if (It == S.Refs.end())
    return {};
  const RefInfo &Info = It->second;
  // The variable that holds it now; the first one bound when several do.
  const VarDecl *Best = nullptr;
  for (const auto &[VD, V] : S.Vars) {
    if (!V.isRef() || V.Id != R || !isUserVariable(VD))
      continue;
    if (VD == Info.Var)
      return VD->getName();
    if (!Best || Ctx.getSourceManager().isBeforeInTranslationUnit(
                     VD->getLocation(), Best->getLocation()))
      Best = VD;
  }
  if (Best)
    return Best->getName();
  if (isUserVariable(Info.Var))
    return Info.Var->getName();
  return Info.Name;
}

SmallVector<TrailStep, 4> PathEngine::trailOf(const PathState &S,
                                              RefId R) const {
  auto It = S.Refs.find(R);
  unsigned From = It == S.Refs.end() ? 0 : It->second.CreatedSeq;
  std::string Name = nameOf(S, R).str();
  SmallVector<const TrailNode *, 8> Nodes;
  for (const TrailNode *N = S.Trail.get(); N && N->Seq > From;
       N = N->Prev.get())
    if (N->Ref == 0 || (R && N->Ref == R))
      Nodes.push_back(N);
  SmallVector<TrailStep, 4> Steps;
  for (const TrailNode *N : llvm::reverse(Nodes)) {
    TrailStep Step;
    Step.StepKind = N->Kind;
    Step.Loc = N->Loc;
    Step.API = N->API.str();
    Step.Value =
        N->Kind == TrailStep::Kind::ContainerReleased ? N->Subject.str() : Name;
    Steps.push_back(std::move(Step));
  }
  return Steps;
}

Issue *PathEngine::report(PathState &S, IssueKind Kind, const Stmt *At,
                          RefId R, StringRef API, std::optional<unsigned> Arg,
                          SourceLocation Loc, StringRef Detail) {
  if (M != Mode::Check)
    return nullptr;
  const RefInfo *Info = S.ref(R);
  if (!Info)
    return nullptr;
  Issue I{Kind, Loc.isValid() ? Loc : At->getBeginLoc()};
  if (Loc.isInvalid() || Loc == At->getBeginLoc())
    I.Range = At->getSourceRange();
  I.Value = nameOf(S, R).str();
  if (NameHint && S.Vars.count(NameHint) && S.Vars[NameHint] == Value::ref(R))
    I.Value = NameHint->getName().str();
  if (!StorageName.empty())
    I.Value = StorageName.str();
  I.Creator = Info->API.str();
  I.API = API.str();
  I.ArgIndex = Arg;
  I.Detail = Detail.str();
  I.Trail = trailOf(S, R);
  if (Kind == IssueKind::NullDereference && Detail.empty())
    if (const Summary *Creator =
            SM.lookup(dyn_cast_or_null<CallExpr>(Info->Site)))
      I.MemoryOnly = Creator->Cause == rules::FailureCause::Memory;
  // One leak and one unchecked NULL per reference created; every other
  // issue once per place.
  std::string Key;
  raw_string_ostream OS(Key);
  const void *Identity =
      Info->Site ? static_cast<const void *>(Info->Site) : Info->Var;
  if (checkOf(Kind) == CheckKind::Leak)
    OS << "leak:" << Identity;
  else if (Kind == IssueKind::NullDereference)
    OS << "null:" << Identity;
  else
    OS << unsigned(Kind) << ':' << I.Loc.getRawEncoding() << ':' << Identity;
  if (!IssueKeys.insert(OS.str()).second)
    return nullptr;
  Issues.push_back(std::move(I));
  return &Issues.back();
}

void PathEngine::reportMissingException(PathState &S, const ReturnStmt *RS,
                                        StringRef Returned) {
  if (M != Mode::Check)
    return;
  Issue I{IssueKind::ReturnWithoutException, RS->getBeginLoc()};
  I.Range = RS->getSourceRange();
  I.API = FD.getNameAsString();
  I.Detail = Returned.str();
  I.Trail = trailOf(S, 0);
  std::string Key;
  raw_string_ostream OS(Key);
  OS << "exc:" << RS;
  if (!IssueKeys.insert(OS.str()).second)
    return;
  Issues.push_back(std::move(I));
}
