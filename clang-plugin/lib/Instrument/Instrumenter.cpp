//===- Instrumenter.cpp - Insert the run-time ledger's calls --------------===//
//
/// \file
/// A post-order walk that replaces each expression creating or discharging
/// an owned reference with a call to a hook that returns it unchanged, so
/// that every wrapped expression is still evaluated exactly once, in its
/// place; then a frame variable whose cleanup closes the function's
/// obligations on every exit. What is instrumented: Instrumenter.h.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Instrument/Instrumenter.h"
#include "RuntimeHooks.h"
#include "pyrefleak/Analysis/Annotations.h"
#include "pyrefleak/Analysis/DefiniteChecks.h"
#include "pyrefleak/Analysis/PathAnalysis.h"
#include "pyrefleak/Analysis/StorageLocation.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "pyrefleak/Analysis/TranslationUnitAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace pyrefleak;
using namespace pyrefleak::instrument;
using analysis::Summary;
using rules::ArgEffect;
using rules::FailureKind;
using rules::ReturnKind;

namespace {
/// Rewrites one function body in place.
class BodyRewriter {
public:
  BodyRewriter(ASTContext &Ctx, const RuntimeHooks &Hooks,
               const analysis::SummaryManager &SM, const FunctionDecl &FD,
               const llvm::DenseSet<SourceLocation> &Reported)
      : Ctx(Ctx), Hooks(Hooks), SM(SM), Function(FD.getNameAsString()),
        Reported(Reported) {}

  /// Rewrites \p Body; returns the number of hook calls inserted.
  unsigned run(Stmt *Body) {
    findUntracked(Body);
    rewriteStmt(Body);
    return Inserted;
  }

private:
  void rewriteStmt(Stmt *S);
  void rewriteChildren(Stmt *S);
  Expr *rewriteExpr(Expr *E);
  Expr *rewriteCall(CallExpr *Call);
  Expr *rewriteAssignment(BinaryOperator *Assign);
  /// \p Arg, rewritten, given to a callee nothing is known about or to a
  /// C++ constructor: an owned reference it carries may be the callee's
  /// to release (a RAII owner).
  Expr *handOver(Expr *Arg);
  Expr *rewriteArgument(CallExpr *Call, const Summary &S, unsigned Index,
                        Expr *Arg, bool CanSettle, unsigned &Pending);
  Expr *wrap(Hook H, Expr *E, SourceLocation Loc, llvm::StringRef API,
             unsigned Owner);
  /// The number of the local variable \p E names, 0 if it names none.
  unsigned ownerOf(const Expr *E);
  /// Notes that the value of \p Value goes into local variable \p VD.
  void noteReceiver(const VarDecl *VD, const Expr *Value);
  std::string site(SourceLocation Loc, SourceLocation Also,
                   llvm::StringRef API) const;
  void findUntracked(const Stmt *S);
  bool isTracked(const Expr *E) const;
  void leaveUnacquired(const Expr *E);

  ASTContext &Ctx;
  const RuntimeHooks &Hooks;
  const analysis::SummaryManager &SM;
  std::string Function;
  const llvm::DenseSet<SourceLocation> &Reported;
  /// Variables that receive references through out-parameters.
  llvm::SmallPtrSet<const VarDecl *, 4> Untracked;
  /// Calls whose new reference goes into an untracked variable.
  llvm::SmallPtrSet<const CallExpr *, 4> Unacquired;
  /// Local variables numbered from 1, so that the ledger tells which one
  /// holds a reference (two may hold the same cached object).
  llvm::DenseMap<const VarDecl *, unsigned> Owners;
  /// Calls whose result is assigned to a local variable: its number.
  llvm::DenseMap<const CallExpr *, unsigned> Receivers;
  unsigned Inserted = 0;
};
} // namespace

/// The variable \p E names, if it is a plain variable reference.
static const VarDecl *variableOf(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// Whether \p E is NULL, whatever it is cast to on the way
/// (`(PyObject *)((void *)0)` in Py_XDECREF(NULL)).
static bool isNull(const Expr *E, ASTContext &Ctx) {
  return E->IgnoreParenCasts()->isNullPointerConstant(
      Ctx, Expr::NPC_ValueDependentIsNotNull);
}

/// Whether \p E, as written, is an object pointer, maybe converted to
/// another pointer type on the way (an object stored in a `void *` field).
static bool holdsObject(const Expr *E) {
  return analysis::isObjectPointer(E->IgnoreParenImpCasts());
}

/// Whether \p E reads a reference from a place that outlives the frame
/// (`self->cache`, a static, a slot of a container), which holds it for
/// longer than the frame does.
static bool readsKeptReference(const Expr *E, const ASTContext &Ctx) {
  analysis::StorageLocation Place = analysis::StorageLocation::classify(E, Ctx);
  return Place.kind() != analysis::StorageLocation::Kind::Unknown &&
         Place.outlivesFrame();
}

/// Whether calling a function with summary \p S gives the caller a
/// reference it owns.
static bool returnsOwned(const Summary &S) {
  return S.Returns == ReturnKind::New || S.Returns == ReturnKind::AliasNew;
}

/// Whether a failure of a call with summary \p S can be told from its
/// result by one of the settle hooks.
static bool canSettle(const Summary &S, const CallExpr *Call) {
  QualType T = Call->getType();
  switch (S.failure()) {
  case FailureKind::Null:
    return T->isPointerType();
  case FailureKind::MinusOne:
  case FailureKind::Negative:
    return T->isIntegerType() && !T->isBooleanType();
  case FailureKind::None:
  case FailureKind::Zero:
  case FailureKind::Sentinel:
    return false;
  }
  llvm_unreachable("unhandled FailureKind");
}

void BodyRewriter::findUntracked(const Stmt *S) {
  if (!S)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      std::optional<ArgEffect> Effect =
          analysis::argumentEffect(Call, I, SM, Ctx);
      if (Effect != ArgEffect::OutNew && Effect != ArgEffect::StealsAndOutNew)
        continue;
      const auto *Address =
          dyn_cast<UnaryOperator>(Call->getArg(I)->IgnoreParenCasts());
      if (!Address || Address->getOpcode() != UO_AddrOf)
        continue;
      if (const VarDecl *VD = variableOf(Address->getSubExpr()))
        Untracked.insert(VD);
    }
  }
  for (const Stmt *Child : S->children())
    findUntracked(Child);
}

/// Whether \p E is a value the ledger should follow: an object pointer
/// computed here (not NULL), and not an untracked variable.
bool BodyRewriter::isTracked(const Expr *E) const {
  if (!E->isPRValue() || !E->getType()->isPointerType() || isNull(E, Ctx))
    return false;
  const VarDecl *VD = variableOf(E);
  return !VD || !Untracked.count(VD);
}

void BodyRewriter::leaveUnacquired(const Expr *E) {
  if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts()))
    Unacquired.insert(Call);
}

std::string BodyRewriter::site(SourceLocation Loc, SourceLocation Also,
                               StringRef API) const {
  const SourceManager &SrcMgr = Ctx.getSourceManager();
  auto WasReported = [&](SourceLocation L) {
    return L.isValid() && (Reported.count(SrcMgr.getExpansionLoc(L)) ||
                           Reported.count(SrcMgr.getFileLoc(L)));
  };
  bool Static = WasReported(Loc) || WasReported(Also);
  // Where the user wrote it: the call itself when it is a macro's argument
  // (PyTuple_SET_ITEM(t, 0, PyLong_FromLong(n))), else the macro's use.
  PresumedLoc Where = SrcMgr.getPresumedLoc(SrcMgr.getFileLoc(Loc));
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << (Static ? "S" : "-") << '\x1f';
  if (Where.isValid())
    OS << Where.getFilename() << '\x1f' << Where.getLine() << '\x1f'
       << Where.getColumn();
  else
    OS << '\x1f' << 0 << '\x1f' << 0;
  OS << '\x1f' << Function << '\x1f' << API;
  return Text;
}

Expr *BodyRewriter::wrap(Hook H, Expr *E, SourceLocation Loc, StringRef API,
                         unsigned Owner) {
  ++Inserted;
  return Hooks.wrapObject(H, E, site(Loc, E->getBeginLoc(), API), Owner);
}

unsigned BodyRewriter::ownerOf(const Expr *E) {
  const VarDecl *VD = variableOf(E);
  if (!VD || !VD->hasLocalStorage())
    return 0;
  return Owners.try_emplace(VD, Owners.size() + 1).first->second;
}

void BodyRewriter::noteReceiver(const VarDecl *VD, const Expr *Value) {
  if (!VD->hasLocalStorage())
    return;
  if (const auto *Call = dyn_cast<CallExpr>(Value->IgnoreParenCasts()))
    Receivers[Call] = Owners.try_emplace(VD, Owners.size() + 1).first->second;
}

void BodyRewriter::rewriteStmt(Stmt *S) {
  assert(!isa<Expr>(S) && "expressions are rewritten through their parent");
  if (auto *Ret = dyn_cast<ReturnStmt>(S)) {
    Expr *Value = Ret->getRetValue();
    if (!Value)
      return;
    // The headers' macro returning their static object as it is hands over
    // no reference of this frame's: none may be discharged. Nor may one
    // read from where it is kept.
    bool Object = holdsObject(Value) && !SM.macroReturnedStatic(Ret, Ctx) &&
                  !readsKeptReference(Value, Ctx);
    Value = rewriteExpr(Value);
    if (Object && isTracked(Value))
      Value = wrap(Hook::Escape, Value, Ret->getBeginLoc(), "",
                   ownerOf(Value));
    Ret->setRetValue(Value);
    return;
  }
  if (auto *DS = dyn_cast<DeclStmt>(S)) {
    for (Decl *D : DS->decls()) {
      auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->hasLocalStorage() || !VD->getInit())
        continue;
      if (Untracked.count(VD))
        leaveUnacquired(VD->getInit());
      noteReceiver(VD, VD->getInit());
      VD->setInit(rewriteExpr(VD->getInit()));
    }
    return;
  }
  rewriteChildren(S);
}

void BodyRewriter::rewriteChildren(Stmt *S) {
  for (Stmt *&Child : S->children()) {
    if (!Child)
      continue;
    if (auto *E = dyn_cast<Expr>(Child))
      Child = rewriteExpr(E);
    else
      rewriteStmt(Child);
  }
}

Expr *BodyRewriter::rewriteExpr(Expr *E) {
  // Unevaluated operands, nodes whose parts are shared with others
  // (default arguments belong to the declaration), and lambdas, whose
  // bodies are functions of their own.
  if (isa<UnaryExprOrTypeTraitExpr, OpaqueValueExpr, PseudoObjectExpr,
          CXXDefaultArgExpr, CXXDefaultInitExpr, LambdaExpr, CXXTypeidExpr,
          CXXNoexceptExpr>(E))
    return E;
  if (auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    for (unsigned I = 0, N = Construct->getNumArgs(); I < N; ++I)
      Construct->setArg(I, handOver(Construct->getArg(I)));
    return E;
  }
  if (auto *Call = dyn_cast<CallExpr>(E))
    return rewriteCall(Call);
  if (auto *Assign = dyn_cast<BinaryOperator>(E);
      Assign && Assign->getOpcode() == BO_Assign)
    return rewriteAssignment(Assign);
  rewriteChildren(E);
  return E;
}

Expr *BodyRewriter::handOver(Expr *Arg) {
  bool Object = holdsObject(Arg) && !readsKeptReference(Arg, Ctx);
  Expr *Rewritten = rewriteExpr(Arg);
  if (!Object || !isTracked(Rewritten))
    return Rewritten;
  return wrap(Hook::Escape, Rewritten, Arg->getBeginLoc(), "",
              ownerOf(Rewritten));
}

Expr *BodyRewriter::rewriteCall(CallExpr *Call) {
  Call->setCallee(rewriteExpr(Call->getCallee()));
  const Summary *S = SM.lookup(Call);
  // What a call nothing is known about does with an object, the ledger
  // cannot follow, as the static analysis cannot: it may keep it (a
  // helper whose effect no summary states, a C++ RAII owner's method).
  if (!S && !Call->getBuiltinCallee()) {
    for (unsigned I = 0, N = Call->getNumArgs(); I < N; ++I)
      Call->setArg(I, handOver(Call->getArg(I)));
    return Call;
  }
  bool CanSettle = S && canSettle(*S, Call);
  unsigned Pending = 0;
  for (unsigned I = 0, N = Call->getNumArgs(); I < N; ++I) {
    Expr *Arg = rewriteExpr(Call->getArg(I));
    if (S)
      Arg = rewriteArgument(Call, *S, I, Arg, CanSettle, Pending);
    Call->setArg(I, Arg);
  }
  if (!S)
    return Call;
  // One settle per pending steal: each pops the newest.
  Expr *Result = Call;
  for (; Pending > 0; --Pending) {
    ++Inserted;
    Result = Hooks.wrapSettle(Result);
  }
  if (returnsOwned(*S) && Call->getType()->isPointerType() &&
      !Unacquired.count(Call))
    Result = wrap(Hook::Acquire, Result, Call->getBeginLoc(),
                  SM.spelledName(Call, *S, Ctx), Receivers.lookup(Call));
  return Result;
}

Expr *BodyRewriter::rewriteArgument(CallExpr *Call, const Summary &S,
                                    unsigned Index, Expr *Arg, bool CanSettle,
                                    unsigned &Pending) {
  std::optional<ArgEffect> Effect =
      analysis::argumentEffect(Call, Index, SM, Ctx);
  // A reference in a field or a static (`Py_INCREF(self->cache)`, then
  // `Py_CLEAR(self->cache)` elsewhere) belongs to that place, not to the
  // frame: retaining, releasing or passing it on opens or closes nothing.
  if (!Effect || !isTracked(Arg) ||
      readsKeptReference(Call->getArg(Index), Ctx))
    return Arg;
  SourceLocation Loc = Call->getBeginLoc();
  StringRef API = SM.spelledName(Call, S, Ctx);
  unsigned Owner = ownerOf(Arg);
  switch (*Effect) {
  case ArgEffect::Retains:
    return wrap(Hook::Retain, Arg, Loc, API, Owner);
  case ArgEffect::Releases:
    return wrap(Hook::Release, Arg, Loc, API, Owner);
  case ArgEffect::Steals:
    return wrap(Hook::Steal, Arg, Loc, API, Owner);
  case ArgEffect::Stores:
    return wrap(Hook::Store, Arg, Loc, API, Owner);
  case ArgEffect::StealsOnSuccess:
    if (!CanSettle)
      return wrap(Hook::Steal, Arg, Loc, API, Owner);
    ++Pending;
    return wrap(Hook::StealPending, Arg, Loc, API, Owner);
  case ArgEffect::Borrows:
  case ArgEffect::Keeps: // Owned or not is the static analysis's to say.
  case ArgEffect::OutNew:
  case ArgEffect::OutBorrowed:
  case ArgEffect::StealsAndOutNew:
    return Arg;
  }
  llvm_unreachable("unhandled ArgEffect");
}

Expr *BodyRewriter::rewriteAssignment(BinaryOperator *Assign) {
  Assign->setLHS(rewriteExpr(Assign->getLHS()));
  if (const VarDecl *VD = variableOf(Assign->getLHS())) {
    if (Untracked.count(VD))
      leaveUnacquired(Assign->getRHS());
    noteReceiver(VD, Assign->getRHS());
  }
  bool Object = holdsObject(Assign->getRHS()) &&
                !readsKeptReference(Assign->getRHS(), Ctx);
  Expr *RHS = rewriteExpr(Assign->getRHS());
  // Stored where it outlives the frame: anything but a local variable or a
  // part of a local struct or array.
  if (Object &&
      analysis::StorageLocation::classify(Assign->getLHS(), Ctx)
          .outlivesFrame() &&
      isTracked(RHS))
    RHS = wrap(Hook::Store, RHS, Assign->getBeginLoc(), "", ownerOf(RHS));
  Assign->setRHS(RHS);
  return Assign;
}

struct Instrumenter::Impl {
  Impl(ASTContext &Ctx, const analysis::SummaryManager &SM,
       const analysis::AnalysisOptions &Options)
      : Ctx(Ctx), Summaries(SM.rules(), SM.target()), Options(Options) {}

  /// The runtime's declarations, looked up once, or null when this
  /// translation unit cannot be instrumented (warned about once).
  const RuntimeHooks *hooks() {
    if (Searched)
      return Hooks ? &*Hooks : nullptr;
    Searched = true;
    const LangOptions &Lang = Ctx.getLangOpts();
    if (Lang.ObjC) {
      const SourceManager &SrcMgr = Ctx.getSourceManager();
      OptionalFileEntryRef Main = SrcMgr.getFileEntryRefForID(SrcMgr.getMainFileID());
      warn(("pyrefleak: not instrumenting " +
            (Main ? Main->getName() : StringRef("<stdin>")) +
            ": Objective-C is not instrumented; its references are not "
            "counted")
               .str());
      return nullptr;
    }
    Hooks = RuntimeHooks::find(Ctx);
    if (!Hooks)
      warn("pyrefleak: not instrumenting: the declarations of "
           "pyrefleak/instrument.h are missing (compile with "
           "'pyrefleak-cc --instrument')");
    return Hooks ? &*Hooks : nullptr;
  }

  void warn(StringRef Message) {
    DiagnosticsEngine &Diags = Ctx.getDiagnostics();
    Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Warning, "%0"))
        << Message;
  }

  /// Brings the summaries up to date for \p FD, whose body is still as
  /// written: the annotations seen so far, and what \p FD itself does.
  void learn(const FunctionDecl &FD) {
    // Malformed annotations are reported once, by the checking analysis.
    analysis::applyAnnotations(Ctx, Summaries, [](ConfigError) {});
    if (Summaries.lookup(&FD))
      return;
    if (std::optional<Summary> S =
            analysis::inferSummary(FD, Summaries, Ctx, Options))
      Summaries.define(&FD, std::move(*S));
  }

  ASTContext &Ctx;
  /// The rules, plus the annotations and inferred summaries of the
  /// functions instrumented so far.
  analysis::SummaryManager Summaries;
  analysis::AnalysisOptions Options;
  bool Searched = false;
  std::optional<RuntimeHooks> Hooks;
};

Instrumenter::Instrumenter(ASTContext &Ctx, const analysis::SummaryManager &SM,
                           const analysis::AnalysisOptions &Options)
    : State(std::make_unique<Impl>(Ctx, SM, Options)) {}

Instrumenter::~Instrumenter() = default;

void Instrumenter::instrument(FunctionDecl &FD) {
  ASTContext &Ctx = State->Ctx;
  auto *Body = dyn_cast_or_null<CompoundStmt>(FD.getBody());
  // Templates are left as written: a body shared by its instantiations.
  if (!Body || FD.isInvalidDecl() || FD.hasAttr<NakedAttr>() ||
      FD.isDependentContext() || FD.isTemplateInstantiation() ||
      Ctx.getDiagnostics().hasErrorOccurred())
    return;
  const RuntimeHooks *Hooks = State->hooks();
  if (!Hooks)
    return;

  // Facts about the body as written, before it changes.
  State->learn(FD);
  // Sites the compile reports statically: the definite findings, and the
  // creation sites of references the path analysis sees leak.
  llvm::DenseSet<SourceLocation> Reported;
  analysis::ReportedCalls Definite = analysis::findDefiniteIssues(
      FD, State->Summaries, Ctx, [&](Issue I) { Reported.insert(I.Loc); });
  analysis::checkPaths(
      FD, analysis::FunctionRole(), State->Summaries, Ctx, State->Options,
      Definite, [&](Issue I) {
        if (checkOf(I.Kind) != CheckKind::Leak)
          return;
        for (const TrailStep &Step : I.Trail)
          if (Step.StepKind == TrailStep::Kind::Created ||
              Step.StepKind == TrailStep::Kind::Acquired)
            Reported.insert(Ctx.getSourceManager().getExpansionLoc(Step.Loc));
      });

  BodyRewriter Rewriter(Ctx, *Hooks, State->Summaries, FD, Reported);
  if (Rewriter.run(Body) == 0)
    return;

  SmallVector<Stmt *, 16> Statements;
  Statements.push_back(Hooks->frameDeclaration(FD, Body->getLBracLoc()));
  Statements.append(Body->body_begin(), Body->body_end());
  FPOptionsOverride FP = Body->hasStoredFPFeatures()
                             ? Body->getStoredFPFeatures()
                             : FPOptionsOverride();
  FD.setBody(CompoundStmt::Create(Ctx, Statements, FP, Body->getLBracLoc(),
                                  Body->getRBracLoc()));
}
