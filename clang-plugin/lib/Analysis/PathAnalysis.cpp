//===- PathAnalysis.cpp - Path-sensitive ownership analysis ---------------===//
//
/// \file
/// The exploration: a worklist of (CFG block, state) pairs, deduplicated per
/// block on a canonical key, with loops cut after a few trips; the transfer
/// of each CFG element; and the refinement of states on branches. What calls
/// do to references is in OwnershipModel.cpp.
//
//===----------------------------------------------------------------------===//

#include "PathEngine.h"
#include "pyrefleak/Analysis/TranslationUnitAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"

using namespace clang;
// Not all of llvm: llvm::Value (declared by LLVM 18's headers) would
// clash with the analysis's own.
using llvm::DenseSet;
using namespace pyrefleak;
using namespace pyrefleak::analysis;

/// Back edges one path may take per loop before it is dropped: enough to
/// see a second iteration meet what the first left behind.
static constexpr unsigned MaxLoopTrips = 2;
/// Visits of one block by one path; bounds loops built with goto.
static constexpr unsigned MaxBlockVisits = 8;

PathEngine::PathEngine(const FunctionDecl &FD, Mode M, const FunctionRole &Role,
                       const SummaryManager &SM, ASTContext &Ctx,
                       unsigned Budget, const ReportedCalls *Reported)
    : FD(FD), M(M), Role(Role), SM(SM), Ctx(Ctx), Budget(Budget),
      Reported(Reported) {}

PathEngine::~PathEngine() = default;

bool PathEngine::run() {
  Stmt *Body = FD.getBody();
  if (!Body)
    return false;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.PruneTriviallyFalseEdges = true;
  Options.AddLifetime = true; // Where a variable's last holder goes away.
  Cfg = CFG::buildCFG(&FD, Body, &Ctx, Options);
  if (!Cfg)
    return false;
  Parents = std::make_unique<ParentMap>(Body);
  findUntrackedVariables();
  findConditions();
  Seen.resize(Cfg->getNumBlockIDs());
  Worklist.emplace_back(&Cfg->getEntry(), initialState());
  while (!Worklist.empty()) {
    if (++Steps > Budget)
      return false;
    auto [Block, State] = std::move(Worklist.front());
    Worklist.pop_front();
    visitBlock(Block, std::move(State));
  }
  return true;
}

std::vector<Issue> PathEngine::takeIssues() {
  const SourceManager &SrcMgr = Ctx.getSourceManager();
  llvm::stable_sort(Issues, [&](const Issue &A, const Issue &B) {
    return SrcMgr.isBeforeInTranslationUnit(SrcMgr.getExpansionLoc(A.Loc),
                                            SrcMgr.getExpansionLoc(B.Loc));
  });
  return std::move(Issues);
}

/// Variables the instrumentation adds: a frame released by a hook.
static bool isInstrumentationVariable(const VarDecl *VD) {
  const auto *Cleanup = VD->getAttr<CleanupAttr>();
  return Cleanup && isTransparent(Cleanup->getFunctionDecl());
}

bool PathEngine::isTracked(const VarDecl *VD) const {
  return VD->hasLocalStorage() && VD->getType()->isScalarType() &&
         !Untracked.count(VD) && !isInstrumentationVariable(VD);
}

/// The expression \p E is nested in, looking through parentheses and casts.
static const Stmt *enclosingNonCast(const ParentMap &PM, const Stmt *E) {
  const Stmt *P = PM.getParent(E);
  while (P && isa<ParenExpr, CastExpr>(P))
    P = PM.getParent(P);
  return P;
}

const VarDecl *PathEngine::trackedVariable(const Expr *E) const {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_Deref) {
    const auto *Ref =
        dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenCasts());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    const VarDecl *Target = VD ? Aliases.lookup(VD) : nullptr;
    return Target && isTracked(Target) ? Target : nullptr;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && isTracked(VD) ? VD : nullptr;
}

/// The local pointers of \p Body used only as `*p` (never assigned, nor
/// their address taken).
static DenseSet<const VarDecl *> onlyDereferenced(const Stmt *Body,
                                                  const ParentMap &PM) {
  DenseSet<const VarDecl *> Used, Other;
  SmallVector<const Stmt *, 32> Stack{Body};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    llvm::append_range(Stack, S->children());
    const auto *Ref = dyn_cast<DeclRefExpr>(S);
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!VD || !VD->hasLocalStorage() || !VD->getType()->isPointerType())
      continue;
    const auto *Deref =
        dyn_cast_or_null<UnaryOperator>(enclosingNonCast(PM, Ref));
    const auto *Outer = dyn_cast_or_null<UnaryOperator>(
        Deref ? enclosingNonCast(PM, Deref) : nullptr);
    if (Deref && Deref->getOpcode() == UO_Deref &&
        !(Outer && Outer->getOpcode() == UO_AddrOf))
      Used.insert(VD);
    else
      Other.insert(VD);
  }
  for (const VarDecl *VD : Other)
    Used.erase(VD);
  return Used;
}

void PathEngine::findUntrackedVariables() {
  // A variable whose address escapes anywhere but into a call's argument
  // list, or into a pointer only dereferenced, may change behind the
  // analysis's back.
  DenseSet<const VarDecl *> Dereferenced =
      onlyDereferenced(FD.getBody(), *Parents);
  SmallVector<const Stmt *, 32> Stack{FD.getBody()};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    llvm::append_range(Stack, S->children());
    // A local array whose address is used other than to index it: its
    // slots may change behind the analysis's back.
    if (const auto *Decay = dyn_cast<ImplicitCastExpr>(S);
        Decay && Decay->getCastKind() == CK_ArrayToPointerDecay) {
      const auto *Ref =
          dyn_cast<DeclRefExpr>(Decay->getSubExpr()->IgnoreParens());
      const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      const auto *Subscript =
          dyn_cast_or_null<ArraySubscriptExpr>(Parents->getParent(Decay));
      if (VD && VD->hasLocalStorage() &&
          !(Subscript && Subscript->getBase() == Decay))
        Untracked.insert(VD);
      continue;
    }
    const auto *U = dyn_cast<UnaryOperator>(S);
    if (!U || U->getOpcode() != UO_AddrOf)
      continue;
    const auto *Ref = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!VD || !VD->hasLocalStorage())
      continue;
    // A local struct or array passed by address: its parts may change.
    if (!VD->getType()->isScalarType()) {
      Untracked.insert(VD);
      continue;
    }
    const Stmt *P = enclosingNonCast(*Parents, U);
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(P);
        DS && DS->isSingleDecl()) {
      const auto *Alias = dyn_cast<VarDecl>(DS->getSingleDecl());
      if (Alias && Dereferenced.count(Alias) && Alias->getInit() &&
          Alias->getInit()->IgnoreParenCasts() == U) {
        Aliases[Alias] = VD;
        continue;
      }
    }
    const auto *Call = dyn_cast_or_null<CallExpr>(P);
    bool IsArgument =
        Call && llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
          return Arg->IgnoreParenCasts() == U;
        });
    if (!IsArgument)
      Untracked.insert(VD);
  }
}

PathState PathEngine::initialState() {
  PathState S;
  for (unsigned I = 0; I < FD.getNumParams(); ++I) {
    const ParmVarDecl *P = FD.getParamDecl(I);
    if (!isTracked(P))
      continue;
    bool Object = isObjectPointerType(P->getType());
    if (!Object || (M == Mode::Check && !Role.PythonFacing)) {
      S.Vars[P] = Value::unknown();
      continue;
    }
    RefInfo Info;
    Info.Var = P;
    Info.Name = P->getName();
    if (M == Mode::Infer) {
      // Hypothetically owned: what the body does with it is the summary.
      Info.Count = 1;
      Info.Param = I;
    } else {
      Info.Base = RefBase::Borrowed;
    }
    S.Vars[P] = Value::ref(S.newRef(Info));
  }
  return S;
}

void PathEngine::visitBlock(const CFGBlock *B, PathState S) {
  if (B == &Cfg->getExit()) {
    atExit(S);
    return;
  }
  for (const CFGElement &E : *B) {
    if (std::optional<CFGLifetimeEnds> End = E.getAs<CFGLifetimeEnds>()) {
      endLifetime(End->getVarDecl(), End->getTriggerStmt(), S);
      continue;
    }
    std::optional<CFGStmt> Element = E.getAs<CFGStmt>();
    if (!Element)
      continue;
    transfer(Element->getStmt(), S);
    if (S.Dead)
      return;
  }
  if (B->hasNoReturnElement())
    return;
  followEdges(B, std::move(S));
}

/// The keyword or operator that makes \p Terminator branch: where a reader
/// sees the decision being taken.
static SourceLocation decisionLoc(const Stmt *Terminator) {
  if (const auto *If = dyn_cast<IfStmt>(Terminator))
    return If->getIfLoc();
  if (const auto *While = dyn_cast<WhileStmt>(Terminator))
    return While->getWhileLoc();
  if (const auto *For = dyn_cast<ForStmt>(Terminator))
    return For->getForLoc();
  if (const auto *Do = dyn_cast<DoStmt>(Terminator))
    return Do->getWhileLoc();
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(Terminator))
    return Cond->getQuestionLoc();
  if (const auto *Op = dyn_cast<BinaryOperator>(Terminator))
    return Op->getOperatorLoc();
  return Terminator->getBeginLoc();
}

static bool isLoop(const Stmt *S) { return isa<WhileStmt, ForStmt, DoStmt>(S); }

void PathEngine::recordBranch(PathState &S, const Stmt *Terminator,
                              const Expr *Cond, bool Taken) {
  // Decisions inside macros (Py_CLEAR's test, assert) say nothing to the
  // reader of the code.
  if (decisionLoc(Terminator).isMacroID())
    return;
  TrailStep::Kind Kind;
  if (isLoop(Terminator))
    Kind = Taken ? TrailStep::Kind::LoopEntered : TrailStep::Kind::LoopSkipped;
  else
    Kind = Taken ? TrailStep::Kind::BranchTrue : TrailStep::Kind::BranchFalse;
  S.addStep(Kind, Cond->getBeginLoc(), 0);
}

void PathEngine::followEdges(const CFGBlock *B, PathState S) {
  const Stmt *Term = B->getTerminatorStmt();
  const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
  bool Statement = Term &&
                   isa<IfStmt, WhileStmt, ForStmt, DoStmt, SwitchStmt>(Term) &&
                   !insideStatementExpression(Term);
  if (Cond && B->succ_size() == 2 && !isa<SwitchStmt>(Term)) {
    BranchTest Test = parseTest(Cond, S);
    for (unsigned I = 0; I < 2; ++I) {
      const CFGBlock *Next = B->succ_begin()[I].getReachableBlock();
      if (!Next)
        continue;
      bool Taken = I == 0;
      PathState NS = Taken ? S : std::move(S);
      AssumedDefensive = false;
      if (!assume(NS, Test, Taken) || !assumeCondition(NS, Cond, Taken))
        continue;
      if (const auto *If = dyn_cast<IfStmt>(Term); If && AssumedDefensive)
        NS.Defensive = Taken ? If->getThen() : If->getElse();
      if (isa<AbstractConditionalOperator>(Term) ||
          (isa<BinaryOperator>(Term) &&
           cast<BinaryOperator>(Term)->isLogicalOp()))
        NS.Choices[Term] = Taken;
      recordBranch(NS, Term, Cond, Taken);
      if (!Taken && isLoop(Term))
        NS.LoopTrips.erase(Term);
      if (Statement) {
        NS.Exprs.clear();
        NS.Choices.clear();
      }
      enqueue(B, Next, std::move(NS));
    }
    return;
  }
  if (const auto *Switch = dyn_cast_or_null<SwitchStmt>(Term);
      Switch && !insideStatementExpression(Switch)) {
    followSwitch(B, Switch, std::move(S));
    return;
  }
  if (Statement) {
    S.Exprs.clear();
    S.Choices.clear();
  }
  for (const CFGBlock::AdjacentBlock &Succ : B->succs())
    if (const CFGBlock *Next = Succ.getReachableBlock())
      enqueue(B, Next, S);
}

void PathEngine::followSwitch(const CFGBlock *B, const SwitchStmt *Switch,
                              PathState S) {
  Value Subject = valueOf(Switch->getCond(), S);
  // The values the case labels take; what is left goes to the default.
  IntSet Cases = IntSet::empty();
  auto LabelSet = [&](const CaseStmt *Case) -> std::optional<IntSet> {
    Expr::EvalResult Lo, Hi;
    if (!Case->getLHS()->EvaluateAsInt(Lo, Ctx))
      return std::nullopt;
    int64_t L = Lo.Val.getInt().getExtValue(), H = L;
    if (Case->getRHS()) {
      if (!Case->getRHS()->EvaluateAsInt(Hi, Ctx))
        return std::nullopt;
      H = Hi.Val.getInt().getExtValue();
    }
    return IntSet::range(L, H);
  };
  bool AllKnown = true;
  for (const CFGBlock::AdjacentBlock &Succ : B->succs())
    if (const CFGBlock *Next = Succ.getReachableBlock())
      if (const auto *Case = dyn_cast_or_null<CaseStmt>(Next->getLabel())) {
        std::optional<IntSet> Set = LabelSet(Case);
        if (!Set) {
          AllKnown = false;
          continue;
        }
        Cases = Cases.complement().intersect(Set->complement()).complement();
      }
  S.Exprs.clear();
  S.Choices.clear();
  unsigned N = B->succ_size();
  for (unsigned I = 0; I < N; ++I) {
    const CFGBlock *Next = B->succ_begin()[I].getReachableBlock();
    if (!Next)
      continue;
    const auto *Case = dyn_cast_or_null<CaseStmt>(Next->getLabel());
    bool IsDefault = !Case && I == N - 1;
    std::optional<IntSet> Set;
    if (Case)
      Set = LabelSet(Case);
    else if (IsDefault && AllKnown)
      Set = Cases.complement();
    PathState NS = I + 1 == N ? std::move(S) : S;
    if (Set && !assume(NS, BranchTest{Subject, *Set}, /*Taken=*/true))
      continue;
    enqueue(B, Next, std::move(NS));
  }
}

void PathEngine::enqueue(const CFGBlock *From, const CFGBlock *To,
                         PathState S) {
  if (const Stmt *Loop = From->getLoopTarget();
      Loop && ++S.LoopTrips[Loop] > MaxLoopTrips) {
    Dropped = true;
    return;
  }
  if (++S.BlockVisits[To->getBlockID()] > MaxBlockVisits) {
    Dropped = true;
    return;
  }
  S.collectGarbage();
  if (!Seen[To->getBlockID()].insert(S.key(MergeValues)).second)
    return;
  Worklist.emplace_back(To, std::move(S));
}

void PathEngine::atExit(PathState &S) {
  if (M == Mode::Infer) {
    if (!S.Exit)
      recordExit(nullptr, Value::unknown(), S);
    return;
  }
  SourceLocation Loc = S.Exit ? S.Exit->getBeginLoc() : FD.getBodyRBrace();
  const Stmt *At = S.Exit ? S.Exit : FD.getBody();
  SmallVector<RefId, 4> Leaked;
  for (const auto &[Id, Info] : S.Refs)
    if (Info.Count > 0 && Info.Null != Nullness::Null &&
        Info.Null != Nullness::Optional && !Info.PendingSteal)
      Leaked.push_back(Id);
  for (RefId R : Leaked)
    report(S, IssueKind::LeakOnPath, At, R, {}, {}, Loc);
}

/// Where a variable's scope ends when \p Trigger leaves it.
static SourceLocation scopeExitLoc(const Stmt *Trigger, const VarDecl *VD) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Trigger))
    return Block->getRBracLoc();
  if (Trigger)
    return Trigger->getBeginLoc();
  return VD->getLocation();
}

void PathEngine::endLifetime(const VarDecl *VD, const Stmt *Trigger,
                             PathState &S) {
  auto It = S.Vars.find(VD);
  if (It == S.Vars.end())
    return;
  Value V = It->second;
  S.Vars.erase(It);
  invalidate(S, VD);
  const RefInfo *Info = S.ref(V);
  // A cleanup function (__attribute__((cleanup))) releases it now.
  if (VD->hasAttr<CleanupAttr>() && Info) {
    S.forget(V.Id);
    return;
  }
  if (!Info || Info->Count == 0 || Info->Null == Nullness::Null ||
      Info->Null == Nullness::Optional || Info->PendingSteal ||
      S.heldByOtherVariable(V.Id, nullptr))
    return;
  // Still the value of the expression being evaluated (({ ...; t; })).
  for (const auto &Entry : S.Exprs)
    if (Entry.second == V)
      return;
  // Put back for a moment so that the issue names the variable.
  S.Vars[VD] = V;
  const Stmt *At = S.Exit ? S.Exit : Trigger;
  SourceLocation Loc =
      S.Exit ? S.Exit->getBeginLoc() : scopeExitLoc(Trigger, VD);
  report(S, IssueKind::LeakOnPath, At ? At : FD.getBody(), V.Id, {}, {}, Loc);
  S.Vars.erase(VD);
  S.forget(V.Id);
}

bool PathEngine::encloses(const Stmt *Outer, const Stmt *Inner) {
  for (const Stmt *P = Inner; P; P = Parents->getParent(P))
    if (P == Outer)
      return true;
  return false;
}

bool PathEngine::insideStatementExpression(const Stmt *S) {
  for (const Stmt *P = Parents->getParent(S); P; P = Parents->getParent(P))
    if (isa<StmtExpr>(P))
      return true;
  return false;
}

bool PathEngine::endsStatement(const Stmt *S) {
  auto [It, Inserted] = EndsStatement.try_emplace(S, false);
  if (!Inserted)
    return It->second;
  const Stmt *P = Parents->getParent(S);
  bool Ends = false;
  if (!P || isa<CompoundStmt, LabelStmt, AttributedStmt>(P))
    Ends = true;
  else if (const auto *Case = dyn_cast<SwitchCase>(P))
    Ends = Case->getSubStmt() == S;
  else if (const auto *If = dyn_cast<IfStmt>(P))
    Ends = If->getThen() == S || If->getElse() == S;
  else if (const auto *While = dyn_cast<WhileStmt>(P))
    Ends = While->getBody() == S;
  else if (const auto *Do = dyn_cast<DoStmt>(P))
    Ends = Do->getBody() == S;
  else if (const auto *For = dyn_cast<ForStmt>(P))
    Ends = For->getBody() == S || For->getInit() == S || For->getInc() == S;
  else if (const auto *Switch = dyn_cast<SwitchStmt>(P))
    Ends = Switch->getBody() == S;
  // Inside ({ ... }) the enclosing expression is still being evaluated.
  Ends = Ends && !insideStatementExpression(S);
  EndsStatement[S] = Ends;
  return Ends;
}

void PathEngine::transfer(const Stmt *Element, PathState &S) {
  Value V = evaluate(Element, S);
  if (isa<Expr>(Element))
    S.Exprs[Element] = V;
  if (endsStatement(Element)) {
    S.Exprs.clear();
    S.Choices.clear();
  }
}

Value PathEngine::valueOf(const Expr *E, PathState &S) {
  E = E->IgnoreParens();
  // C++'s NULL (__null) and nullptr, seen once their cast is skipped.
  if (isa<GNUNullExpr, CXXNullPtrLiteralExpr>(E))
    return Value::null();
  auto It = S.Exprs.find(E);
  if (It != S.Exprs.end())
    return It->second;
  // Not an element of the CFG (or evaluated in another statement): only
  // what needs no evaluation order.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl())) {
      if (isTracked(VD)) {
        auto Var = S.Vars.find(VD);
        return Var == S.Vars.end() ? Value::unknown() : Var->second;
      }
      if (VD->hasGlobalStorage() && !S.Stored.empty())
        return load(Ref, S);
    }
  if (const auto *Lit = dyn_cast<IntegerLiteral>(E))
    if (std::optional<int64_t> V = Lit->getValue().trySExtValue())
      return Value::integer(*V);
  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return castValue(Cast, S);
  return Value::unknown();
}

Value PathEngine::castValue(const CastExpr *Cast, PathState &S) {
  Value V = valueOf(Cast->getSubExpr(), S);
  switch (Cast->getCastKind()) {
  case CK_NullToPointer:
    return Value::null();
  case CK_IntegralToPointer:
    return V.K == Value::Kind::Int && V.Int == 0 ? Value::null()
                                                 : Value::unknown();
  case CK_FunctionToPointerDecay:
  case CK_ArrayToPointerDecay:
  case CK_BuiltinFnToFnPtr:
    return Value::unknown();
  default:
    return V;
  }
}

/// The name a reader gives a global object: the macro spelled at \p Loc
/// (Py_None), else the variable's own name.
static StringRef globalName(const VarDecl *VD, SourceLocation Loc,
                            const ASTContext &Ctx) {
  // Written as a macro's argument (Py_DECREF(&Type)): the macro taking it
  // is not its name; a macro whose body spells it is (Py_None).
  const SourceManager &SrcMgr = Ctx.getSourceManager();
  while (Loc.isMacroID() && SrcMgr.isMacroArgExpansion(Loc))
    Loc = SrcMgr.getImmediateSpellingLoc(Loc);
  if (Loc.isMacroID()) {
    StringRef Macro = Lexer::getImmediateMacroName(Loc, SrcMgr,
                                                   Ctx.getLangOpts());
    if (!Macro.empty())
      return Macro;
  }
  return VD->getName();
}

Value PathEngine::evaluate(const Stmt *Element, PathState &S) {
  if (const auto *DS = dyn_cast<DeclStmt>(Element)) {
    declare(DS, S);
    return Value::unknown();
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(Element)) {
    returnFrom(RS, S);
    return Value::unknown();
  }
  const auto *E = dyn_cast<Expr>(Element);
  if (!E)
    return Value::unknown();
  if (const auto *Lit = dyn_cast<IntegerLiteral>(E)) {
    std::optional<int64_t> V = Lit->getValue().trySExtValue();
    return V ? Value::integer(*V) : Value::unknown();
  }
  if (const auto *Char = dyn_cast<CharacterLiteral>(E))
    return Value::integer(Char->getValue());
  if (const auto *Paren = dyn_cast<ParenExpr>(E))
    return valueOf(Paren->getSubExpr(), S);
  if (const auto *Full = dyn_cast<FullExpr>(E))
    return valueOf(Full->getSubExpr(), S);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Enum = dyn_cast<EnumConstantDecl>(Ref->getDecl()))
      return Value::integer(Enum->getInitVal().getSExtValue());
    return valueOf(E, S);
  }
  if (const auto *Cast = dyn_cast<CastExpr>(E))
    return castValue(Cast, S);
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return call(Call, S);
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    const Expr *Sub = U->getSubExpr();
    switch (U->getOpcode()) {
    case UO_AddrOf: {
      // `&self->x`, as Py_SETREF and Py_CLEAR take it.
      if (Sub->getType()->isPointerType())
        if (unsigned Location = locate(Sub, S))
          return Value::address(Location);
      const auto *Ref = dyn_cast<DeclRefExpr>(Sub->IgnoreParens());
      const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      if (!VD || !VD->hasGlobalStorage())
        return Value::unknown();
      // The API's singletons may have an incomplete type (_Py_TrueStruct's
      // struct _longobject is opaque to extensions in some versions).
      const rules::StaticObjectRule *Object =
          SM.rules().staticObject(VD->getName());
      if (!Object && !isObjectPointerType(U->getType()))
        return Value::unknown();
      // A statically allocated object (Py_None, a type): borrowed, and the
      // same object each time.
      auto It = S.Globals.find(VD);
      if (It != S.Globals.end() && !It->second)
        return Value::unknown(); // Stored away earlier on this path.
      if (It != S.Globals.end() && S.ref(It->second))
        return Value::ref(It->second);
      RefInfo Info;
      Info.Base = RefBase::Borrowed;
      Info.Null = Nullness::NonNull;
      Info.Site = U;
      Info.Name = globalName(VD, U->getBeginLoc(), Ctx);
      Info.StaticObject = Object;
      RefId R = S.newRef(Info);
      S.Globals[VD] = R;
      return Value::ref(R);
    }
    case UO_Deref:
      if (const VarDecl *VD = trackedVariable(U)) {
        auto Var = S.Vars.find(VD);
        return Var == S.Vars.end() ? Value::unknown() : Var->second;
      }
      if (Value V = valueOf(Sub, S); V.isRef()) {
        dereference(S, V.Id, U, {});
        use(S, V.Id, U);
      } else {
        markDereferenced(Sub, S);
      }
      return load(U, S);
    case UO_Minus: {
      Value V = valueOf(Sub, S);
      return V.K == Value::Kind::Int && V.Int != IntSet::Min
                 ? Value::integer(-V.Int)
                 : Value::unknown();
    }
    case UO_Plus:
    case UO_Extension:
      return valueOf(Sub, S);
    case UO_LNot: {
      Value V = valueOf(Sub, S);
      if (V.K == Value::Kind::Int)
        return Value::integer(V.Int == 0);
      if (V.K == Value::Kind::Null)
        return Value::integer(1);
      if (V.K == Value::Kind::NonNull)
        return Value::integer(0);
      return Value::unknown();
    }
    case UO_PreInc:
    case UO_PreDec:
    case UO_PostInc:
    case UO_PostDec:
      if (const VarDecl *VD = trackedVariable(Sub)) {
        // A counter going up from 0 stays an index.
        Value Old = S.Vars[VD];
        bool NonNegative =
            U->isIncrementOp() &&
            ((Old.K == Value::Kind::Int && Old.Int >= 0) ||
             S.NonNegative.count(VD));
        moved(S, VD);
        invalidate(S, VD);
        S.Vars[VD] = Value::unknown();
        if (NonNegative)
          S.NonNegative.insert(VD);
      }
      return Value::unknown();
    default:
      return Value::unknown();
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Assign)
      return assign(BO, S);
    if (BO->getOpcode() == BO_Comma)
      return valueOf(BO->getRHS(), S);
    if (BO->isLogicalOp()) {
      // Its value, from the side its left operand took on this path.
      auto It = S.Choices.find(BO);
      if (It == S.Choices.end())
        return Value::unknown();
      bool Or = BO->getOpcode() == BO_LOr;
      if (It->second == Or)
        return Value::integer(Or ? 1 : 0);
      return valueOf(BO->getRHS(), S);
    }
    if (BO->isCompoundAssignmentOp())
      if (const VarDecl *VD = trackedVariable(BO->getLHS())) {
        moved(S, VD);
        invalidate(S, VD);
        S.Vars[VD] = Value::unknown();
      }
    return Value::unknown();
  }
  if (const auto *Cond = dyn_cast<ConditionalOperator>(E)) {
    auto It = S.Choices.find(Cond);
    if (It == S.Choices.end())
      return Value::unknown();
    return valueOf(It->second ? Cond->getTrueExpr() : Cond->getFalseExpr(), S);
  }
  if (const auto *SE = dyn_cast<StmtExpr>(E)) {
    const CompoundStmt *Body = SE->getSubStmt();
    if (!Body->body_empty())
      if (const auto *Last = dyn_cast<Expr>(Body->body_back()))
        return valueOf(Last, S);
    return Value::unknown();
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (Member->isArrow()) {
      if (Value V = valueOf(Member->getBase(), S); V.isRef()) {
        dereference(S, V.Id, Member,
                    SM.expandingAPI(Member->getExprLoc(), Ctx));
        use(S, V.Id, Member);
      } else {
        markDereferenced(Member->getBase(), S);
      }
    }
    return load(Member, S);
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
    if (Value V = valueOf(Subscript->getBase(), S); V.isRef()) {
      dereference(S, V.Id, Subscript,
                  SM.expandingAPI(Subscript->getExprLoc(), Ctx));
      use(S, V.Id, Subscript);
    } else {
      markDereferenced(Subscript->getBase(), S);
    }
    return load(Subscript, S);
  }
  if (const auto *Init = dyn_cast<InitListExpr>(E)) {
    // Objects put into an aggregate are stored away.
    for (const Expr *Item : Init->inits())
      if (Value V = valueOf(Item, S); V.isRef())
        S.forget(V.Id);
    return Value::unknown();
  }
  return Value::unknown();
}

/// Whether \p E, on this path, is the variable \p VD itself (the fast path
/// of `args = cond ? (args) : _PyArg_UnpackKeywords(...)`).
static bool isVariableItself(const Expr *E, const VarDecl *VD,
                             const PathState &S) {
  while (true) {
    E = E->IgnoreParenCasts();
    const auto *Cond = dyn_cast<ConditionalOperator>(E);
    if (!Cond)
      break;
    auto It = S.Choices.find(Cond);
    if (It == S.Choices.end())
      return false;
    E = It->second ? Cond->getTrueExpr() : Cond->getFalseExpr();
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && Ref->getDecl() == VD;
}

Value PathEngine::assign(const BinaryOperator *Assign, PathState &S) {
  Value V = valueOf(Assign->getRHS(), S);
  const Expr *LHS = Assign->getLHS()->IgnoreParenImpCasts();
  if (const VarDecl *VD = trackedVariable(LHS)) {
    // Assigned to itself: what the path knew of it still holds.
    if (isVariableItself(Assign->getRHS(), VD, S))
      return V;
    bind(S, VD, V, Assign, /*Redeclared=*/false);
    linkCondition(S, VD, Assign->getRHS());
    return V;
  }
  if (const auto *Field = dyn_cast<MemberExpr>(LHS))
    invalidate(S, Field->getMemberDecl());
  unsigned Location = locate(LHS, S);
  if (!V.isRef()) {
    if (Location)
      store(S, Location, V, Assign);
    return V;
  }
  use(S, V.Id, Assign->getRHS());
  // An owned reference stored into an object this path follows (before
  // 3.11, PyList_SET_ITEM is `((PyListObject *)op)->ob_item[i] = v`):
  // the object takes it, as a stealing call would.
  RefInfo *Info = S.ref(V);
  bool Field = Location &&
               location(Location).kind() == StorageLocation::Kind::Field;
  if (RefId Container = Field ? 0 : storageOwner(LHS, S);
      Container && Info && Info->state() == RefState::Owned) {
    // Named by the macro whose body has the '=', else by the container.
    SourceLocation Loc = Assign->getOperatorLoc();
    StringRef By = Loc.isMacroID()
                       ? Lexer::getImmediateMacroName(
                             Loc, Ctx.getSourceManager(), Ctx.getLangOpts())
                       : nameOf(S, Container);
    steal(S, V.Id, Assign, /*Arg=*/nullptr, By, 0, Container);
    if (Location && S.ref(V))
      store(S, Location, V, Assign, /*Taken=*/true);
    return S.ref(V) ? V : Value::unknown();
  }
  // A field, slot or global the model follows takes an owned reference;
  // an argument stored away is what a summary cannot say (yet).
  if (Location && Info && !(M == Mode::Infer && Info->Param >= 0)) {
    store(S, Location, V, Assign);
    return S.ref(V) ? V : Value::unknown();
  }
  // A store into memory the analysis does not follow: whoever reads it
  // later owns or borrows it there.
  S.forget(V.Id);
  return Value::unknown();
}

RefId PathEngine::storageOwner(const Expr *LHS, PathState &S) {
  const Expr *E = LHS->IgnoreParenImpCasts();
  if (const auto *Slot = dyn_cast<ArraySubscriptExpr>(E))
    E = Slot->getBase()->IgnoreParenImpCasts();
  const auto *Field = dyn_cast<MemberExpr>(E);
  if (!Field || !Field->isArrow())
    return 0;
  Value Base = valueOf(Field->getBase(), S);
  return Base.isRef() && S.ref(Base) ? Base.Id : 0;
}

/// Where the scope of the variable declared by \p DS ends.
static SourceLocation scopeEnd(const ParentMap &PM, const DeclStmt *DS) {
  for (const Stmt *P = PM.getParent(DS); P; P = PM.getParent(P))
    if (const auto *Block = dyn_cast<CompoundStmt>(P))
      return Block->getRBracLoc();
  return DS->getEndLoc();
}

void PathEngine::declare(const DeclStmt *DS, PathState &S) {
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD)
      continue;
    Value V = VD->getInit() ? valueOf(VD->getInit(), S) : Value::unknown();
    if (!isTracked(VD)) {
      if (V.isRef() && VD->hasLocalStorage() && !isInstrumentationVariable(VD))
        S.forget(V.Id);
      continue;
    }
    bind(S, VD, V, DS, /*Redeclared=*/true, scopeEnd(*Parents, DS));
    if (VD->getInit())
      linkCondition(S, VD, VD->getInit());
  }
}

void PathEngine::returnFrom(const ReturnStmt *RS, PathState &S) {
  const Expr *Result = RS->getRetValue();
  Value V = Result ? valueOf(Result, S) : Value::unknown();
  S.Exit = RS;
  NameHint = nullptr;
  if (const auto *Ref =
          Result ? dyn_cast<DeclRefExpr>(Result->IgnoreParenCasts()) : nullptr)
    NameHint = dyn_cast<VarDecl>(Ref->getDecl());
  auto ClearHint = llvm::make_scope_exit([&] { NameHint = nullptr; });
  if (V.isRef())
    use(S, V.Id, Result);
  if (M == Mode::Infer) {
    recordExit(RS, S.ref(V) ? V : (V.isRef() ? Value::unknown() : V), S);
    return;
  }
  if (RefInfo *Info = S.ref(V); Info && !SM.macroReturnedStatic(RS, Ctx)) {
    if (Info->Count > 0) {
      --Info->Count; // The caller takes this one.
    } else if (Role.ReturnsNew &&
               (Info->Base == RefBase::Borrowed ||
                Info->Base == RefBase::Stolen) &&
               Info->Null != Nullness::Null) {
      returnUnowned(S, RS, V.Id);
      S.forget(V.Id);
    }
  }
  // An error return after a test of something that cannot fail (a
  // defensive NULL test) is not the path the contract is about.
  if (!Role.ExceptionOnError || S.Exception != ExceptionBase::None ||
      !S.PendingExceptions.empty() || (S.Defensive && encloses(S.Defensive, RS)))
    return;
  QualType T = FD.getReturnType();
  const RefInfo *Info = S.ref(V);
  bool IsNull =
      V.K == Value::Kind::Null || (Info && Info->Null == Nullness::Null);
  bool IsMinusOne = V.K == Value::Kind::Int && V.Int == -1;
  if (IsNull && T->isPointerType())
    reportMissingException(S, RS, "NULL");
  else if (IsMinusOne && T->isIntegerType())
    reportMissingException(S, RS, "-1");
}

void PathEngine::returnUnowned(PathState &S, const ReturnStmt *RS, RefId R) {
  const rules::StaticObjectRule *Object = S.ref(R)->StaticObject;
  StringRef Macro = Object ? StringRef(Object->ReturnMacro) : StringRef();
  const SourceManager &SrcMgr = Ctx.getSourceManager();
  bool Immortal = Object && SM.isImmortal(*Object);
  Issue *I = report(S,
                    Immortal ? IssueKind::ReturnOfImmortal
                             : IssueKind::ReturnOfBorrowed,
                    RS, R, {}, {}, {},
                    Immortal ? Object->ImmortalSince->str() : "");
  // `return Py_None;` as written: the macro says the same portably.
  const auto *Ref = dyn_cast<UnaryOperator>(stripWrappers(RS->getRetValue()));
  CharSourceRange Written = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(RS->getSourceRange()), SrcMgr,
      Ctx.getLangOpts());
  if (I && !Macro.empty() && Ref && Ref->getOpcode() == UO_AddrOf &&
      Written.isValid())
    I->FixIts.push_back(FixItHint::CreateReplacement(Written, Macro));
}

void PathEngine::recordExit(const ReturnStmt *RS, Value V, PathState &S) {
  ExitFact F;
  using Result = ExitFact::Result;
  RefInfo *Returned = S.ref(V);
  int PassedThrough = -1;
  SymId OwnSym = Returned ? Returned->Sym : 0;
  F.Exception = S.Exception;
  if (F.Exception == ExceptionBase::None &&
      llvm::any_of(S.PendingExceptions, [&](SymId P) { return P != OwnSym; }))
    F.Exception = ExceptionBase::Maybe;
  if (!RS || !RS->getRetValue()) {
    F.Returned = Result::None;
  } else if (V.K == Value::Kind::Null ||
             (Returned && Returned->Null == Nullness::Null)) {
    F.Returned = Result::Null;
  } else if (V.K == Value::Kind::Int) {
    F.Returned = Result::Int;
    F.Int = V.Int;
  } else if (SM.macroReturnedStatic(RS, Ctx)) {
    // The headers' macro hands over a new reference by definition (it is
    // Py_NewRef before 3.12), though none of the function's own.
    F.Returned = Result::Owned;
  } else if (Returned && Returned->Param >= 0) {
    if (Returned->Count >= 2) {
      F.Returned = Result::Owned;
      F.AliasOf = Returned->Param;
      --Returned->Count;
    } else {
      // Handed back as it came: owned or borrowed as the caller's was,
      // which no summary can say.
      F.Returned = Result::Other;
      PassedThrough = F.PassedThrough = Returned->Param;
    }
  } else if (Returned) {
    if (Returned->Count > 0) {
      F.Returned = Result::Owned;
      --Returned->Count;
    } else if (Returned->Base == RefBase::Borrowed ||
               Returned->Base == RefBase::Stolen) {
      F.Returned = Result::Borrowed;
    } else {
      F.Returned = Result::Other;
    }
    if (Returned->Null == Nullness::MaybeNull && Returned->Sym)
      if (const SymInfo *Sym = S.sym(Returned->Sym)) {
        F.MayFail = true;
        F.FailException = Sym->Exception;
      }
  } else {
    F.Returned = Result::Other;
  }
  for (unsigned I = 0; I < FD.getNumParams(); ++I) {
    if (!isObjectPointerType(FD.getParamDecl(I)->getType()) ||
        !isTracked(FD.getParamDecl(I))) {
      F.Params.push_back(ExitFact::Fate::NotObject);
      continue;
    }
    const RefInfo *Param = nullptr;
    for (const auto &[Id, Info] : S.Refs)
      if (Info.Param == int(I))
        Param = &Info;
    if (!Param || PassedThrough == int(I))
      F.Params.push_back(ExitFact::Fate::Lost);
    else if (Param->Count == 1)
      F.Params.push_back(ExitFact::Fate::Kept);
    else if (Param->Count == 0)
      F.Params.push_back(ExitFact::Fate::Consumed);
    else
      F.Params.push_back(ExitFact::Fate::Other);
  }
  Exits.push_back(std::move(F));
}

bool pyrefleak::analysis::returnsFirstArgument(const CallExpr *Call) {
  if (Call->getNumArgs() == 0)
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (isTransparent(Callee))
    return true;
  unsigned ID = Callee ? Callee->getBuiltinID() : 0;
  return ID == Builtin::BI__builtin_expect ||
         ID == Builtin::BI__builtin_expect_with_probability;
}

/// \p E without parentheses, implicit casts and calls that return their
/// first argument.
static const Expr *skipIdentities(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || !returnsFirstArgument(Call))
      return E;
    E = Call->getArg(0);
  }
}

//===----------------------------------------------------------------------===//
// Conditions on plain values
//===----------------------------------------------------------------------===//

/// Whether \p E is 0 or NULL.
static bool isZeroConstant(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  if (const auto *Lit = dyn_cast<IntegerLiteral>(E))
    return Lit->getValue().isZero();
  return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

/// \p E without the negations and tests against 0 or NULL around the
/// condition it tests; each negation flips \p Negated.
static const Expr *normalizeCondition(const Expr *E, bool &Negated,
                                      ASTContext &Ctx) {
  while (true) {
    E = skipIdentities(E);
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_LNot) {
      Negated = !Negated;
      E = U->getSubExpr();
      continue;
    }
    const auto *BO = dyn_cast<BinaryOperator>(E);
    if (!BO || !BO->isEqualityOp())
      return E;
    const Expr *Other = nullptr;
    if (isZeroConstant(BO->getRHS(), Ctx))
      Other = BO->getLHS();
    else if (isZeroConstant(BO->getLHS(), Ctx))
      Other = BO->getRHS();
    if (!Other)
      return E;
    if (BO->getOpcode() == BO_EQ)
      Negated = !Negated;
    E = Other;
  }
}

/// The variable \p E names, if it is a local one.
static const VarDecl *localVariable(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(skipIdentities(E));
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

bool PathEngine::isPureCondition(const Expr *E,
                                 SmallVectorImpl<const Decl *> &Reads) {
  SmallVector<const Stmt *, 16> Stack{E};
  while (!Stack.empty()) {
    const Stmt *St = Stack.pop_back_val();
    if (!St)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(St)) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      if (!VD)
        continue; // Functions, enumerators.
      if (VD->hasLocalStorage()) {
        if (!isTracked(VD))
          return false;
        Reads.push_back(VD);
        continue;
      }
      // The address of a static object (Py_None) does not change.
      const auto *U = dyn_cast_or_null<UnaryOperator>(
          enclosingNonCast(*Parents, Ref));
      if (!U || U->getOpcode() != UO_AddrOf)
        return false;
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(St)) {
      Reads.push_back(Member->getMemberDecl());
    } else if (const auto *Call = dyn_cast<CallExpr>(St)) {
      const Summary *Sum = SM.lookup(Call);
      const FunctionDecl *Callee = Call->getDirectCallee();
      bool Pure = false;
      if (Sum)
        Pure = Sum->failure() == rules::FailureKind::None &&
               Sum->exception() == rules::ExceptionKind::Never &&
               (Sum->Returns == rules::ReturnKind::Value ||
                Sum->Returns == rules::ReturnKind::Status) &&
               llvm::all_of(Sum->Args, [](const rules::ArgRule &A) {
                 return A.Effect == rules::ArgEffect::Borrows;
               });
      else if (Callee)
        // The headers' own inline accessors (Py_TYPE, Py_SIZE).
        Pure = Callee->isInlined() && Callee->hasBody() &&
               !Ctx.getSourceManager().isInMainFile(Callee->getLocation()) &&
               !isObjectPointerType(Callee->getReturnType());
      if (!Pure && !returnsFirstArgument(Call))
        return false;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
      if (BO->isAssignmentOp())
        return false;
    } else if (const auto *U = dyn_cast<UnaryOperator>(St)) {
      if (U->isIncrementDecrementOp() || U->getOpcode() == UO_Deref)
        return false;
    } else if (isa<StmtExpr, ArraySubscriptExpr>(St)) {
      return false;
    }
    llvm::append_range(Stack, St->children());
  }
  return true;
}

unsigned PathEngine::conditionNumber(const Expr *E) {
  std::string Key;
  if (const VarDecl *VD = localVariable(E)) {
    Key = "v" + std::to_string(reinterpret_cast<uintptr_t>(VD));
  } else {
    llvm::FoldingSetNodeID ID;
    E->Profile(ID, Ctx, /*Canonical=*/true);
    llvm::BumpPtrAllocator Alloc;
    llvm::FoldingSetNodeIDRef Data = ID.Intern(Alloc);
    Key.assign(reinterpret_cast<const char *>(Data.getData()),
               Data.getSize() * sizeof(unsigned));
  }
  auto [It, Inserted] = ConditionIds.try_emplace(Key, ConditionTests.size());
  if (Inserted) {
    ConditionTests.push_back(0);
    ConditionReads.emplace_back();
    SmallVector<const Decl *, 2> Reads;
    if (!isPureCondition(E, Reads))
      Reads.assign(1, nullptr); // Never remembered.
    ConditionReads.back() = Reads;
  }
  return It->second;
}

/// Whether \p B can be reached again once left.
static bool isOnCycle(const CFG &Cfg, const CFGBlock *B) {
  llvm::BitVector Seen(Cfg.getNumBlockIDs());
  SmallVector<const CFGBlock *, 16> Work{B};
  while (!Work.empty()) {
    const CFGBlock *Cur = Work.pop_back_val();
    for (const CFGBlock::AdjacentBlock &Succ : Cur->succs()) {
      const CFGBlock *Next = Succ.getReachableBlock();
      if (Next == B)
        return true;
      if (Next && !Seen.test(Next->getBlockID())) {
        Seen.set(Next->getBlockID());
        Work.push_back(Next);
      }
    }
  }
  return false;
}

void PathEngine::findConditions() {
  // Conditions of branches, split at && and ||.
  SmallVector<const Expr *, 16> Roots;
  SmallVector<std::pair<const VarDecl *, const Expr *>, 8> Stores;
  SmallVector<const Stmt *, 32> Stack{FD.getBody()};
  while (!Stack.empty()) {
    const Stmt *St = Stack.pop_back_val();
    if (!St)
      continue;
    llvm::append_range(Stack, St->children());
    if (const auto *If = dyn_cast<IfStmt>(St))
      Roots.push_back(If->getCond());
    else if (const auto *While = dyn_cast<WhileStmt>(St))
      Roots.push_back(While->getCond());
    else if (const auto *Do = dyn_cast<DoStmt>(St))
      Roots.push_back(Do->getCond());
    else if (const auto *For = dyn_cast<ForStmt>(St))
      Roots.push_back(For->getCond());
    else if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(St))
      Roots.push_back(Cond->getCond());
    else if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit())
          Stores.push_back({VD, VD->getInit()});
    } else if (const auto *BO = dyn_cast<BinaryOperator>(St);
               BO && BO->getOpcode() == BO_Assign) {
      if (const VarDecl *VD = localVariable(BO->getLHS()))
        Stores.push_back({VD, BO->getRHS()});
    }
  }
  while (!Roots.empty()) {
    const Expr *E = Roots.pop_back_val();
    if (!E)
      continue;
    bool Negated = false;
    E = normalizeCondition(E, Negated, Ctx);
    if (const auto *Logic = dyn_cast<BinaryOperator>(E);
        Logic && Logic->isLogicalOp()) {
      Roots.push_back(Logic->getLHS());
      Roots.push_back(Logic->getRHS());
      continue;
    }
    unsigned N = conditionNumber(E);
    ConditionOf[E] = N;
    ++ConditionTests[N];
  }
  // A test on a cycle of the CFG (a loop, a goto back) is made again by the
  // path that comes round to it.
  for (const CFGBlock *B : *Cfg) {
    SmallVector<unsigned, 2> Tests;
    for (const CFGElement &Element : *B)
      if (std::optional<CFGStmt> St = Element.getAs<CFGStmt>())
        if (const auto *E = dyn_cast<Expr>(St->getStmt()))
          if (auto It = ConditionOf.find(E); It != ConditionOf.end())
            Tests.push_back(It->second);
    if (!Tests.empty() && isOnCycle(*Cfg, B))
      for (unsigned N : Tests)
        ++ConditionTests[N];
  }
  // `int f = PyLong_Check(a);` with f tested: f stands for the condition.
  for (auto [VD, RHS] : Stores) {
    if (!isTracked(VD) || !VD->getType()->isIntegerType())
      continue;
    auto Var = ConditionIds.find(
        "v" + std::to_string(reinterpret_cast<uintptr_t>(VD)));
    if (Var == ConditionIds.end())
      continue;
    bool Negated = false;
    const Expr *E = normalizeCondition(RHS, Negated, Ctx);
    if (localVariable(E) || isa<IntegerLiteral>(E->IgnoreParenCasts()))
      continue;
    unsigned N = conditionNumber(E);
    if (ConditionReads[N].size() == 1 && !ConditionReads[N][0])
      continue;
    LinkOf[RHS] = {N, Negated};
  }
  // Worth remembering: tested again, directly or through a variable.
  Remembered.assign(ConditionTests.size(), false);
  for (unsigned N = 0; N < ConditionTests.size(); ++N)
    Remembered[N] = ConditionTests[N] >= 2;
  for (const auto &Entry : LinkOf)
    Remembered[Entry.second.first] = true;
  for (unsigned N = 0; N < ConditionTests.size(); ++N)
    if (ConditionReads[N].size() == 1 && !ConditionReads[N][0])
      Remembered[N] = false;
}

bool PathEngine::assumeCondition(PathState &S, const Expr *Cond, bool Taken) {
  bool Negated = false;
  const Expr *E = normalizeCondition(Cond, Negated, Ctx);
  // The right operand decides once the left one did not.
  while (const auto *Logic = dyn_cast<BinaryOperator>(E)) {
    if (!Logic->isLogicalOp())
      break;
    auto It = S.Choices.find(Logic);
    if (It == S.Choices.end() ||
        It->second == (Logic->getOpcode() == BO_LOr))
      return true;
    E = normalizeCondition(Logic->getRHS(), Negated, Ctx);
  }
  auto It = ConditionOf.find(E);
  if (It == ConditionOf.end())
    return true;
  bool Truth = Taken != Negated;
  SmallVector<std::pair<unsigned, bool>, 2> Decided{{It->second, Truth}};
  if (const VarDecl *VD = localVariable(E))
    if (auto Link = S.Links.find(VD); Link != S.Links.end())
      Decided.push_back({Link->second.first, Truth != Link->second.second});
  for (auto [N, T] : Decided)
    if (auto K = S.Known.find(N); K != S.Known.end() && K->second != T)
      return false;
  for (auto [N, T] : Decided)
    if (Remembered[N])
      S.Known[N] = T;
  return true;
}

void PathEngine::invalidate(PathState &S, const Decl *D) {
  auto Reads = [&](unsigned N) { return llvm::is_contained(ConditionReads[N], D); };
  for (auto It = S.Known.begin(); It != S.Known.end();)
    It = Reads(It->first) ? S.Known.erase(It) : std::next(It);
  for (auto It = S.Links.begin(); It != S.Links.end();)
    It = It->first == D || Reads(It->second.first) ? S.Links.erase(It)
                                                   : std::next(It);
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    S.Below.erase(VD);
    S.NonNegative.erase(VD);
    for (auto &[Id, Sym] : S.Syms)
      if (Sym.SizeOf == VD)
        Sym.SizeOf = nullptr;
  }
}

void PathEngine::linkCondition(PathState &S, const VarDecl *VD,
                               const Expr *RHS) {
  auto It = LinkOf.find(RHS);
  if (It != LinkOf.end())
    S.Links[VD] = It->second;
}

/// The values of `V op K`.
static IntSet comparisonSet(BinaryOperatorKind Op, int64_t K) {
  switch (Op) {
  case BO_EQ:
    return IntSet::single(K);
  case BO_NE:
    return IntSet::single(K).complement();
  case BO_LT:
    return K == IntSet::Min ? IntSet::empty()
                            : IntSet::range(IntSet::Min, K - 1);
  case BO_LE:
    return IntSet::range(IntSet::Min, K);
  case BO_GT:
    return K == IntSet::Max ? IntSet::empty()
                            : IntSet::range(K + 1, IntSet::Max);
  case BO_GE:
    return IntSet::range(K, IntSet::Max);
  default:
    return IntSet::all();
  }
}

BranchTest PathEngine::parseTest(const Expr *Cond, PathState &S) {
  const Expr *E = skipIdentities(Cond);
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_LNot) {
    BranchTest T = parseTest(U->getSubExpr(), S);
    T.TrueSet = T.TrueSet.complement();
    return T;
  }
  // `n == 1 || b == NULL`, tested in the block of its right operand: the
  // left one did not decide on this path, so the right one does.
  if (const auto *Logic = dyn_cast<BinaryOperator>(E);
      Logic && Logic->isLogicalOp()) {
    auto It = S.Choices.find(Logic);
    if (It != S.Choices.end() &&
        It->second != (Logic->getOpcode() == BO_LOr))
      return parseTest(Logic->getRHS(), S);
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO || !BO->isComparisonOp())
    return {valueOf(E, S), IntSet::nonZero()};
  auto Constant = [](const Value &V) -> std::optional<int64_t> {
    if (V.K == Value::Kind::Null)
      return 0;
    if (V.K == Value::Kind::Int)
      return V.Int;
    return std::nullopt;
  };
  Value L = valueOf(skipIdentities(BO->getLHS()), S);
  Value R = valueOf(skipIdentities(BO->getRHS()), S);
  BinaryOperatorKind Op = BO->getOpcode();
  // `i < n` with n the size of an object: i indexes it on one side.
  auto SizeSym = [&](const Value &V) -> SymId {
    const SymInfo *Sym =
        V.K == Value::Kind::Status ? S.sym(V.Id) : nullptr;
    return Sym && Sym->SizeOf ? V.Id : 0;
  };
  auto WithIndex = [&](BranchTest T) {
    const VarDecl *LV = localVariable(BO->getLHS());
    const VarDecl *RV = localVariable(BO->getRHS());
    if (LV && isTracked(LV) && SizeSym(R) && (Op == BO_LT || Op == BO_GE)) {
      T.Index = LV;
      T.Size = R.Id;
      T.BelowWhen = Op == BO_LT;
    } else if (RV && isTracked(RV) && SizeSym(L) &&
               (Op == BO_GT || Op == BO_LE)) {
      T.Index = RV;
      T.Size = L.Id;
      T.BelowWhen = Op == BO_GT;
    }
    return T;
  };
  if (std::optional<int64_t> K = Constant(R))
    return WithIndex({L, comparisonSet(Op, *K)});
  if (std::optional<int64_t> K = Constant(L))
    return WithIndex(
        {R, comparisonSet(BinaryOperator::reverseComparisonOp(Op), *K)});
  if (Op != BO_EQ && Op != BO_NE)
    return WithIndex({Value::unknown(), IntSet::nonZero()});
  // The same object, or a static one (Py_None) and a new reference this
  // function created: decided.
  if (L.isRef() && R.isRef() && S.ref(L) && S.ref(R)) {
    auto Fresh = [](const RefInfo &Info) {
      return Info.Base == RefBase::None && !Info.StaticObject &&
             isa_and_nonnull<CallExpr>(Info.Site);
    };
    const RefInfo &LI = *S.ref(L), &RI = *S.ref(R);
    bool Same = L.Id == R.Id;
    if (Same || (LI.StaticObject && Fresh(RI)) ||
        (RI.StaticObject && Fresh(LI)))
      return {Value::integer(Same == (Op == BO_EQ)), IntSet::nonZero()};
  }
  // Two pointers: equal to one that is not NULL, the other is not either.
  auto NonNull = [&](const Value &V) {
    const RefInfo *Info = S.ref(V);
    return Info && Info->Null == Nullness::NonNull;
  };
  if (NonNull(L) || NonNull(R)) {
    BranchTest T{NonNull(R) ? L : R, IntSet::nonZero()};
    // Only the side where they are equal says something.
    if (Op == BO_EQ) {
      T.RefinesFalse = false;
    } else {
      T.RefinesTrue = false;
      T.TrueSet = IntSet::single(0); // Its false side is "not NULL".
    }
    return T;
  }
  return {Value::unknown(), IntSet::nonZero()};
}

bool PathEngine::assume(PathState &S, const BranchTest &T, bool Taken) {
  if (T.Index && T.Size && Taken == T.BelowWhen && S.sym(T.Size)) {
    SmallVector<SymId, 1> &Sizes = S.Below[T.Index];
    if (!llvm::is_contained(Sizes, T.Size))
      Sizes.push_back(T.Size);
  }
  if (!(Taken ? T.RefinesTrue : T.RefinesFalse))
    return true;
  IntSet Set = Taken ? T.TrueSet : T.TrueSet.complement();
  bool CanBeZero = Set.contains(0);
  bool CanBeNonZero = Set.intersects(IntSet::nonZero());
  switch (T.Subject.K) {
  case Value::Kind::Unknown:
    return true;
  case Value::Kind::Null:
    return CanBeZero;
  case Value::Kind::NonNull:
  case Value::Kind::Address:
    return CanBeNonZero;
  case Value::Kind::Int:
    return Set.contains(T.Subject.Int);
  case Value::Kind::Ref: {
    RefInfo *Info = S.ref(T.Subject.Id);
    if (!Info)
      return true;
    if (Info->Null == Nullness::Null)
      return CanBeZero;
    if (Info->Null == Nullness::NonNull)
      return CanBeNonZero;
    if (!CanBeZero && !CanBeNonZero)
      return false;
    if (!CanBeNonZero) {
      // NULL although nothing said it could be: a defensive test.
      if (Info->Null == Nullness::Unchecked && !Info->Sym)
        AssumedDefensive = true;
      Info->Null = Nullness::Null;
      if (Info->Sym)
        resolve(S, Info->Sym, Outcome::Failure);
    } else if (!CanBeZero) {
      Info->Null = Nullness::NonNull;
      if (Info->Sym)
        resolve(S, Info->Sym, Outcome::Success);
    }
    return true;
  }
  case Value::Kind::Status: {
    SymInfo *Sym = S.sym(T.Subject.Id);
    if (!Sym)
      return true;
    Set = Set.intersect(Sym->Values);
    if (Set.isEmpty())
      return false;
    Sym->Values = Set;
    if (RefInfo *Tested = S.ref(Sym->NonNullIfTrue);
        Tested && !Set.contains(0) && Tested->Null != Nullness::Null) {
      Tested->Null = Nullness::NonNull;
      if (Tested->Sym)
        resolve(S, Tested->Sym, Outcome::Success);
      Sym = S.sym(T.Subject.Id);
    }
    // A zero result wrote nothing: the variables hold what they held.
    if (!Sym->WrittenIfTrue.empty() && Set == IntSet::single(0)) {
      auto Outputs = std::move(Sym->WrittenIfTrue);
      Sym->WrittenIfTrue.clear();
      for (const SymInfo::WrittenOutput &O : Outputs) {
        auto It = S.Vars.find(O.Var);
        bool Holds = It != S.Vars.end() && It->second.isRef() &&
                     It->second.Id == O.Written;
        S.forget(O.Written);
        if (Holds)
          S.Vars[O.Var] = O.Before;
      }
      Sym = S.sym(T.Subject.Id);
    }
    bool Fails = Set.intersects(Sym->Failure);
    bool Succeeds = Set.intersects(Sym->Success);
    if (Sym->Result == Outcome::Failure)
      return Fails;
    if (Sym->Result == Outcome::Success)
      return Succeeds;
    if (!Fails && !Succeeds)
      return false;
    if (Fails != Succeeds)
      resolve(S, T.Subject.Id, Fails ? Outcome::Failure : Outcome::Success);
    return true;
  }
  case Value::Kind::ExceptionTest: {
    // PyErr_Occurred() as the failure test of the calls before it: no
    // exception, none of those that set one when failing failed; one, and
    // only one call could have set it: that call failed.
    SmallVector<SymId, 2> Pending = S.PendingExceptions;
    auto SetsOnFailure = [&](SymId Id) {
      const SymInfo *Sym = S.sym(Id);
      return Sym && Sym->Exception == rules::ExceptionKind::OnFailure;
    };
    if (!CanBeNonZero) {
      if (S.Exception == ExceptionBase::Set)
        return false;
      for (SymId Id : Pending)
        if (SetsOnFailure(Id))
          resolve(S, Id, Outcome::Success);
      S.Exception = ExceptionBase::None;
      S.PendingExceptions.clear();
    } else if (!CanBeZero) {
      if (S.Exception == ExceptionBase::None && S.PendingExceptions.empty())
        return false;
      bool OnlyCause = S.Exception == ExceptionBase::None &&
                       Pending.size() == 1 && SetsOnFailure(Pending[0]);
      if (OnlyCause)
        resolve(S, Pending[0], Outcome::Failure);
      S.Exception = ExceptionBase::Set;
      S.PendingExceptions.clear();
    }
    return true;
  }
  }
  llvm_unreachable("unhandled Value kind");
}

namespace {
/// The pass for a function whose paths do not fit the budget: a variable
/// given a new reference that nothing in the function can release, steal,
/// return or store leaks wherever the call succeeded.
class PathInsensitiveLeaks {
public:
  PathInsensitiveLeaks(const SummaryManager &SM, ASTContext &Ctx,
                       const ReportedCalls &Reported, const Stmt *Body)
      : SM(SM), Ctx(Ctx), Reported(Reported), Parents(const_cast<Stmt *>(Body)) {}

  void run(const Stmt *Body, const IssueSink &Sink) {
    visit(Body);
    for (const auto &[VD, Calls] : Creations) {
      if (Unsafe.count(VD))
        continue;
      for (const CallExpr *Call : Calls) {
        Issue I{IssueKind::LeakOnPath, Call->getBeginLoc()};
        I.Range = Call->getSourceRange();
        I.Value = VD->getName().str();
        const Summary *Sum = SM.lookup(Call);
        I.Creator = SM.spelledName(Call, *Sum, Ctx).str();
        TrailStep Step;
        Step.StepKind = TrailStep::Kind::Created;
        Step.Loc = Call->getBeginLoc();
        Step.Value = I.Value;
        Step.API = I.Creator;
        I.Trail.push_back(std::move(Step));
        Sink(std::move(I));
      }
    }
  }

private:
  /// The call giving a new reference that \p E is, if any.
  const CallExpr *creation(const Expr *E) const {
    const auto *Call = dyn_cast<CallExpr>(stripWrappers(E));
    const Summary *Sum = Call ? SM.lookup(Call) : nullptr;
    if (!Sum || Sum->Returns != rules::ReturnKind::New || Reported.count(Call))
      return nullptr;
    return Call;
  }

  static const VarDecl *localObject(const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
                   isObjectPointerType(VD->getType())
               ? VD
               : nullptr;
  }

  /// Whether the use \p Ref of a variable can do nothing to its reference:
  /// a test, a dereference, a borrowing argument of a known function.
  bool harmless(const DeclRefExpr *Ref) {
    const Stmt *E = Ref;
    const Stmt *P = Parents.getParent(E);
    while (P && (isa<ParenExpr>(P) ||
                 (isa<CastExpr>(P) && !isa<ExplicitCastExpr>(P)))) {
      E = P;
      P = Parents.getParent(P);
    }
    if (!P)
      return false;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->isComparisonOp() || BO->isLogicalOp() ||
             (BO->getOpcode() == BO_Assign && BO->getLHS() == E);
    if (const auto *U = dyn_cast<UnaryOperator>(P))
      return U->getOpcode() == UO_LNot;
    if (const auto *Member = dyn_cast<MemberExpr>(P))
      return Member->getBase() == E;
    if (const auto *If = dyn_cast<IfStmt>(P))
      return If->getCond() == E;
    if (const auto *While = dyn_cast<WhileStmt>(P))
      return While->getCond() == E;
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const Summary *Sum = SM.lookup(Call);
      for (unsigned I = 0; Sum && I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == E)
          return argumentEffect(Call, I, SM, Ctx) == rules::ArgEffect::Borrows;
    }
    return false;
  }

  void visit(const Stmt *S) {
    if (!S)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->hasLocalStorage() && VD->getInit() &&
            isObjectPointerType(VD->getType()))
          if (const CallExpr *Call = creation(VD->getInit()))
            Creations[VD].push_back(Call);
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign)
      if (const VarDecl *VD = localObject(BO->getLHS()))
        if (const CallExpr *Call = creation(BO->getRHS()))
          Creations[VD].push_back(Call);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
          VD && !harmless(Ref))
        Unsafe.insert(VD);
    for (const Stmt *Child : S->children())
      visit(Child);
  }

  const SummaryManager &SM;
  ASTContext &Ctx;
  const ReportedCalls &Reported;
  ParentMap Parents;
  std::map<const VarDecl *, SmallVector<const CallExpr *, 2>> Creations;
  DenseSet<const VarDecl *> Unsafe;
};
} // namespace

static void checkWithoutPaths(const FunctionDecl &FD, const SummaryManager &SM,
                              ASTContext &Ctx, const ReportedCalls &Reported,
                              const IssueSink &Sink) {
  PathInsensitiveLeaks(SM, Ctx, Reported, FD.getBody())
      .run(FD.getBody(), Sink);
}

bool pyrefleak::analysis::checkPaths(const FunctionDecl &FD,
                                     const FunctionRole &Role,
                                     const SummaryManager &SM, ASTContext &Ctx,
                                     const AnalysisOptions &Options,
                                     const ReportedCalls &Reported,
                                     const IssueSink &Sink) {
  for (bool Merge : {false, true}) {
    PathEngine Engine(FD, PathEngine::Mode::Check, Role, SM, Ctx,
                      Options.PathBudget, &Reported);
    if (Merge)
      Engine.mergeValues();
    if (!Engine.run())
      continue;
    for (Issue &I : Engine.takeIssues())
      Sink(std::move(I));
    return true;
  }
  if (!FD.getBody())
    return false;
  checkWithoutPaths(FD, SM, Ctx, Reported, Sink);
  if (Options.Unexplored)
    Options.Unexplored(FD);
  return false;
}
