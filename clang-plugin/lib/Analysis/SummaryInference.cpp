//===- SummaryInference.cpp - Summaries of the file's own functions -------===//
//
/// \file
/// Runs the path exploration with the parameters hypothetically owned and
/// reads a summary off what every path leaves behind at its return; orders
/// the work so that callees are summarised before their callers.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/SummaryInference.h"
#include "PathEngine.h"
#include "pyrefleak/Analysis/StorageLocation.h"
#include "pyrefleak/Analysis/TranslationUnitAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;
using namespace pyrefleak;
using namespace pyrefleak::analysis;
using rules::ArgEffect;
using rules::ExceptionKind;
using rules::FailureKind;
using rules::ReturnKind;
using Fate = ExitFact::Fate;
using Result = ExitFact::Result;

/// Whether an exit reports failure to its caller.
static bool fails(const ExitFact &F, QualType ReturnType) {
  if (F.Returned == Result::Null || F.MayFail)
    return true;
  return ReturnType->isIntegerType() && F.Returned == Result::Int &&
         F.Int == -1;
}

/// The integer other than -1 that every exit setting an exception returns,
/// when no other exit returns it. (An exception the path could not rule out
/// on another exit is taken as not set: the caller then stays silent.)
static std::optional<int64_t> failureSentinel(ArrayRef<ExitFact> Exits) {
  std::optional<int64_t> K;
  for (const ExitFact &F : Exits) {
    if (F.MayFail)
      return std::nullopt;
    if (F.Exception != ExceptionBase::Set)
      continue;
    if (F.Returned != Result::Int || (K && *K != F.Int))
      return std::nullopt;
    K = F.Int;
  }
  if (!K || *K == -1)
    return std::nullopt;
  for (const ExitFact &F : Exits)
    if (F.Exception != ExceptionBase::Set && F.Returned == Result::Int &&
        F.Int == *K)
      return std::nullopt;
  return K;
}

/// The returned kind and failure convention common to every exit;
/// \p Dropped when some paths were not followed to their exit.
static void inferResult(const FunctionDecl &FD, ArrayRef<ExitFact> Exits,
                        bool Dropped, Summary &S) {
  QualType T = FD.getReturnType();
  S.Returns = ReturnKind::Value;
  S.Failure = FailureKind::None;
  bool AnyNull = llvm::any_of(
      Exits, [](const ExitFact &F) { return F.Returned == Result::Null; });
  if (isObjectPointerType(T)) {
    bool Owned = false, Borrowed = false, Other = false, MayFail = false;
    std::optional<int> Alias;
    bool AllAlias = true;
    for (const ExitFact &F : Exits) {
      MayFail |= F.MayFail;
      switch (F.Returned) {
      case Result::Owned:
        Owned = true;
        if (F.AliasOf < 0 || (Alias && *Alias != F.AliasOf))
          AllAlias = false;
        else
          Alias = F.AliasOf;
        break;
      case Result::Borrowed:
        Borrowed = true;
        break;
      case Result::Null:
        break;
      case Result::None:
      case Result::Int:
      case Result::Other:
        Other = true;
        break;
      }
    }
    if (Other || (Owned && Borrowed))
      return;
    if (Owned && AllAlias && Alias && !AnyNull && !MayFail) {
      S.Returns = ReturnKind::AliasNew;
      S.Alias = unsigned(*Alias);
      return;
    }
    if (Owned || Borrowed) {
      S.Returns = Owned ? ReturnKind::New : ReturnKind::Borrowed;
      S.Failure = AnyNull || MayFail ? FailureKind::Null : FailureKind::None;
      return;
    }
    if (AnyNull)
      S.Returns = ReturnKind::AlwaysNull;
    return;
  }
  if (T->isIntegerType()) {
    // A helper's own error code (-1 being a valid result).
    if (std::optional<int64_t> K = failureSentinel(Exits)) {
      S.Failure = FailureKind::Sentinel;
      S.Sentinel = K;
      return;
    }
    bool MinusOne = llvm::any_of(Exits, [](const ExitFact &F) {
      return F.Returned == Result::Int && F.Int == -1;
    });
    if (!MinusOne) {
      // A helper that cannot fail: its callers' error branches are dead.
      // A path not followed to its end might have returned something else.
      const ExitFact &First = Exits.front();
      if (!Dropped && llvm::all_of(Exits, [&](const ExitFact &F) {
            return F.Returned == Result::Int && !F.MayFail &&
                   F.Int == First.Int;
          }))
        S.Constant = First.Int;
      return;
    }
    S.Failure = FailureKind::MinusOne;
    bool StatusOnly = llvm::all_of(Exits, [](const ExitFact &F) {
      return F.Returned == Result::Int && F.Int >= -1;
    });
    S.Returns = StatusOnly ? ReturnKind::Status : ReturnKind::Value;
    return;
  }
  if (T->isPointerType() && AnyNull)
    S.Failure = FailureKind::Null;
}

/// Whether the exception indicator is set exactly when the function fails.
static ExceptionKind inferException(const FunctionDecl &FD,
                                    ArrayRef<ExitFact> Exits,
                                    const Summary &S) {
  // failureSentinel found the exception set exactly on failure.
  if (S.failure() == FailureKind::Sentinel)
    return ExceptionKind::OnFailure;
  QualType T = FD.getReturnType();
  bool AnyFailure = false, FailuresSet = true, FailuresQuiet = true;
  bool OthersQuiet = true;
  for (const ExitFact &F : Exits) {
    if (fails(F, T) && S.failure() != FailureKind::None) {
      AnyFailure = true;
      bool Set = F.MayFail ? F.FailException == ExceptionKind::OnFailure ||
                                 F.FailException == ExceptionKind::Always
                           : F.Exception == ExceptionBase::Set;
      FailuresSet &= Set;
      FailuresQuiet &= !F.MayFail && F.Exception == ExceptionBase::None;
      // On success a failing call's result leaves the rest as it was.
      if (F.MayFail && F.Exception != ExceptionBase::None)
        OthersQuiet = false;
      continue;
    }
    OthersQuiet &= F.Exception == ExceptionBase::None;
  }
  if (S.Returns == ReturnKind::AlwaysNull)
    return llvm::all_of(Exits,
                        [](const ExitFact &F) {
                          return F.Exception == ExceptionBase::Set;
                        })
               ? ExceptionKind::Always
               : ExceptionKind::Maybe;
  if (!AnyFailure || FailuresQuiet)
    return OthersQuiet ? ExceptionKind::Never : ExceptionKind::Maybe;
  return FailuresSet && OthersQuiet ? ExceptionKind::OnFailure
                                    : ExceptionKind::Maybe;
}

/// Whether \p FD's body stores its parameter \p Param where it outlives the
/// call (`h->ref = o`, a static).
static bool storesParameter(const FunctionDecl &FD, unsigned Param) {
  const ParmVarDecl *PVD = FD.getParamDecl(Param);
  SmallVector<const Stmt *, 32> Work{FD.getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Assign = dyn_cast<BinaryOperator>(S);
        Assign && Assign->getOpcode() == BO_Assign) {
      const auto *Ref = dyn_cast<DeclRefExpr>(stripWrappers(Assign->getRHS()));
      if (Ref && Ref->getDecl() == PVD &&
          StorageLocation::classify(Assign->getLHS(), FD.getASTContext())
              .outlivesFrame())
        return true;
    }
    llvm::append_range(Work, S->children());
  }
  return false;
}

/// The summary every exit agrees on, if the vocabulary can state it.
static std::optional<Summary>
summarize(const FunctionDecl &FD, ArrayRef<ExitFact> Exits, bool Dropped) {
  Summary S;
  S.Name = FD.getNameAsString();
  S.Source = rules::RuleSource::User;
  const SourceManager &SrcMgr = FD.getASTContext().getSourceManager();
  S.Origin = ("inferred from " +
              SrcMgr.getFilename(SrcMgr.getExpansionLoc(FD.getLocation())))
                 .str();
  if (Exits.empty()) {
    if (Dropped)
      return std::nullopt;
    S.NoReturn = true;
    S.Returns = ReturnKind::Value;
    S.Failure = FailureKind::None;
    S.Exception = ExceptionKind::Never;
    return S;
  }
  // Exits as the caller sees them once replaced parameters are known.
  SmallVector<ExitFact, 8> Seen(Exits.begin(), Exits.end());
  for (unsigned I = 0; I < FD.getNumParams(); ++I) {
    if (Exits.front().Params[I] == Fate::NotObject)
      continue;
    auto All = [&](Fate Expected) {
      return llvm::all_of(
          Exits, [&](const ExitFact &F) { return F.Params[I] == Expected; });
    };
    auto Returned = [&](const ExitFact &F) { return F.PassedThrough == int(I); };
    // Consumed on some paths and handed back on the others (`o =
    // maybe_wrap(o)`): the caller's reference is replaced by the result.
    bool Replaced =
        llvm::any_of(Exits, Returned) &&
        llvm::any_of(Exits,
                     [&](const ExitFact &F) {
                       return F.Params[I] == Fate::Consumed;
                     }) &&
        llvm::all_of(Exits, [&](const ExitFact &F) {
          return Returned(F) || F.Params[I] == Fate::Consumed;
        });
    // Put where it outlives the call on every path (`h->ref = o`).
    bool Stored = All(Fate::Lost) && llvm::none_of(Exits, Returned) &&
                  storesParameter(FD, I);
    if (All(Fate::Consumed) || Replaced)
      S.Args.push_back({I, ArgEffect::Steals, false, false});
    else if (Stored)
      S.Args.push_back({I, ArgEffect::Stores, false, false});
    else if (!All(Fate::Kept))
      return std::nullopt; // Kept on some paths only: a summary cannot say.
    if (Replaced)
      for (ExitFact &F : Seen)
        if (Returned(F)) {
          F.Returned = Result::Owned;
          F.PassedThrough = -1;
          F.Params[I] = Fate::Consumed;
        }
  }
  inferResult(FD, Seen, Dropped, S);
  S.Exception = inferException(FD, Seen, S);
  return S;
}

std::optional<Summary>
pyrefleak::analysis::inferSummary(const FunctionDecl &FD,
                                  const SummaryManager &SM, ASTContext &Ctx,
                                  const AnalysisOptions &Options) {
  // What the body does with its `...` arguments is out of sight.
  if (FD.isVariadic())
    return std::nullopt;
  PathEngine Engine(FD, PathEngine::Mode::Infer, FunctionRole(), SM, Ctx,
                    Options.PathBudget, nullptr);
  if (!Engine.run())
    return std::nullopt;
  return summarize(FD, Engine.exits(), Engine.droppedPaths());
}

/// The functions \p S calls by name.
static void collectCallees(const Stmt *S,
                           SmallVectorImpl<const FunctionDecl *> &Out) {
  if (!S)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      Out.push_back(Callee);
  for (const Stmt *Child : S->children())
    collectCallees(Child, Out);
}

namespace {
/// Depth-first over the call graph: a function is summarised once all it
/// calls has been.
class InferenceOrder {
public:
  InferenceOrder(ASTContext &Ctx, SummaryManager &SM,
                 const AnalysisOptions &Options)
      : Ctx(Ctx), SM(SM), Options(Options) {}

  void visitCallees(const FunctionDecl &FD) {
    SmallVector<const FunctionDecl *, 16> Callees;
    collectCallees(FD.getBody(), Callees);
    for (const FunctionDecl *Callee : Callees) {
      const FunctionDecl *Definition = nullptr;
      // The instrumentation's inline hooks are read as their first argument.
      if (isTransparent(Callee) || !Callee->hasBody(Definition) ||
          SM.lookup(Callee))
        continue;
      ensure(*Definition);
    }
  }

  void ensure(const FunctionDecl &FD) {
    if (!Visited.insert(FD.getCanonicalDecl()).second)
      return; // Done, or on the current call chain: a cycle.
    visitCallees(FD);
    if (std::optional<Summary> S = inferSummary(FD, SM, Ctx, Options))
      SM.define(&FD, std::move(*S));
  }

private:
  ASTContext &Ctx;
  SummaryManager &SM;
  const AnalysisOptions &Options;
  DenseSet<const FunctionDecl *> Visited;
};
} // namespace

void pyrefleak::analysis::inferCalleeSummaries(
    ASTContext &Ctx, SummaryManager &SM, const AnalysisOptions &Options,
    ArrayRef<const FunctionDecl *> Roots) {
  InferenceOrder Order(Ctx, SM, Options);
  for (const FunctionDecl *FD : Roots)
    Order.visitCallees(*FD);
}

void pyrefleak::analysis::inferSummaries(
    ASTContext &Ctx, SummaryManager &SM, const AnalysisOptions &Options,
    ArrayRef<const FunctionDecl *> Functions) {
  InferenceOrder Order(Ctx, SM, Options);
  for (const FunctionDecl *FD : Functions)
    if (!isTransparent(FD) && !SM.lookup(FD))
      Order.ensure(*FD);
}
