//===- DefiniteChecks.cpp - Ownership errors visible in one call ----------===//
//
/// \file
/// A walk over one function body that looks at each call with a summary and
/// at the calls nested directly in its arguments.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/DefiniteChecks.h"
#include "pyrefleak/Analysis/FormatString.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace pyrefleak;
using namespace pyrefleak::analysis;
using rules::ArgEffect;
using rules::ReturnKind;

std::optional<ArgEffect>
pyrefleak::analysis::argumentEffect(const CallExpr *Call, unsigned Index,
                                    const SummaryManager &SM, ASTContext &) {
  const Summary *S = SM.lookup(Call);
  if (!S)
    return std::nullopt;
  if (const rules::ArgRule *A = S->arg(Index))
    return A->Effect;
  const rules::FormatRule *Format = S->Format ? &*S->Format : nullptr;
  if (!Format || Index < Format->firstVararg())
    return ArgEffect::Borrows;
  const StringLiteral *Literal = formatLiteral(Call, *Format);
  if (!Literal || Format->Kind != rules::FormatKind::Build)
    return std::nullopt;
  auto Parsed = parseFormat(Literal->getString(), Format->Kind,
                            SM.rules().formatUnits(), SM.version());
  const auto *Units = std::get_if<ParsedFormat>(&Parsed);
  if (!Units)
    return std::nullopt;
  const FormatSlot *Slot = Units->slotOf(Index - Format->firstVararg());
  if (!Slot)
    return std::nullopt;
  return Slot->Unit->Reference;
}

/// The name a reader knows a callee by: what the source spells, so that
/// _Py_BuildValue_SizeT reads as Py_BuildValue.
static std::string apiName(const CallExpr *Call, const SummaryManager &SM,
                           const ASTContext &Ctx) {
  if (const Summary *S = SM.lookup(Call))
    return SM.spelledName(Call, *S, Ctx).str();
  const FunctionDecl *FD = Call->getDirectCallee();
  return FD ? FD->getNameAsString() : std::string();
}

/// A fix-it that turns the build unit consuming argument \p Index into the
/// stealing unit with the same argument types (O -> N).
static std::optional<FixItHint> stealingUnitFix(const CallExpr *Call,
                                                unsigned Index,
                                                const SummaryManager &SM,
                                                const ASTContext &Ctx) {
  const Summary *S = SM.lookup(Call);
  const StringLiteral *Literal =
      S && S->Format ? formatLiteral(Call, *S->Format) : nullptr;
  if (!Literal || Literal->getBeginLoc().isMacroID())
    return std::nullopt;
  auto Parsed = parseFormat(Literal->getString(), S->Format->Kind,
                            SM.rules().formatUnits(), SM.version());
  const auto *Units = std::get_if<ParsedFormat>(&Parsed);
  const FormatSlot *Slot =
      Units ? Units->slotOf(Index - S->Format->firstVararg()) : nullptr;
  if (!Slot)
    return std::nullopt;
  for (const rules::FormatUnitRule &U : SM.rules().formatUnits()) {
    if (U.Kind != Slot->Unit->Kind || U.Reference != ArgEffect::Steals ||
        U.Types != Slot->Unit->Types || U.Unit.size() != Slot->Unit->Unit.size())
      continue;
    SourceLocation Begin = Literal->getLocationOfByte(
        Slot->Offset, Ctx.getSourceManager(), Ctx.getLangOpts(),
        Ctx.getTargetInfo());
    return FixItHint::CreateReplacement(
        CharSourceRange::getCharRange(
            Begin, Begin.getLocWithOffset(Slot->Unit->Unit.size())),
        U.Unit);
  }
  return std::nullopt;
}

namespace {
/// Walks a function body once, looking at calls and at statements whose
/// value is thrown away.
class DefiniteWalker {
public:
  DefiniteWalker(const SummaryManager &SM, ASTContext &Ctx,
                 const IssueSink &Sink)
      : SM(SM), Ctx(Ctx), Sink(Sink) {}

  void walk(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      checkArguments(Call);
    for (const Stmt *Child : S->children()) {
      if (const auto *E = dyn_cast_or_null<Expr>(Child);
          E && isStatementPosition(S, Child))
        checkDiscarded(E);
      walk(Child);
    }
  }

  ReportedCalls Reported;

private:
  /// Whether \p Child of \p Parent is evaluated only for its side effects.
  static bool isStatementPosition(const Stmt *Parent, const Stmt *Child) {
    if (isa<CompoundStmt, LabelStmt, CaseStmt, DefaultStmt>(Parent))
      return !isa<CaseStmt>(Parent) || cast<CaseStmt>(Parent)->getSubStmt() == Child;
    if (const auto *If = dyn_cast<IfStmt>(Parent))
      return Child == If->getThen() || Child == If->getElse();
    if (const auto *While = dyn_cast<WhileStmt>(Parent))
      return Child == While->getBody();
    if (const auto *Do = dyn_cast<DoStmt>(Parent))
      return Child == Do->getBody();
    if (const auto *For = dyn_cast<ForStmt>(Parent))
      return Child == For->getBody() || Child == For->getInc() ||
             Child == For->getInit();
    if (const auto *Comma = dyn_cast<BinaryOperator>(Parent))
      return Comma->isCommaOp() && Child == Comma->getLHS();
    return false;
  }

  void checkDiscarded(const Expr *E) {
    const auto *Call = dyn_cast<CallExpr>(stripWrappers(E));
    const Summary *S = SM.lookup(Call);
    if (!S || S->Returns != ReturnKind::New)
      return;
    Issue I{IssueKind::LeakDiscardedResult, locationOf(Call)};
    I.Range = Call->getSourceRange();
    I.API = S->Name;
    Reported.insert(Call);
    Sink(std::move(I));
  }

  void checkArguments(const CallExpr *Call) {
    if (!SM.lookup(Call))
      return;
    for (unsigned Index = 0; Index < Call->getNumArgs(); ++Index) {
      const auto *Inner = dyn_cast<CallExpr>(stripWrappers(Call->getArg(Index)));
      const Summary *Made = SM.lookup(Inner);
      if (!Made)
        continue;
      std::optional<ArgEffect> Effect = argumentEffect(Call, Index, SM, Ctx);
      if (!Effect)
        continue;
      bool Owned = Made->Returns == ReturnKind::New ||
                   Made->Returns == ReturnKind::AliasNew;
      bool Steals = *Effect == ArgEffect::Steals ||
                    *Effect == ArgEffect::StealsOnSuccess;
      if (Owned && *Effect == ArgEffect::Borrows)
        report(IssueKind::LeakInlineArgument, Call, Inner, Index);
      else if (Made->Returns == ReturnKind::Borrowed && Steals)
        report(IssueKind::StealOfBorrowedArgument, Call, Inner, Index);
    }
  }

  void report(IssueKind Kind, const CallExpr *Call, const CallExpr *Inner,
              unsigned Index) {
    Issue I{Kind, locationOf(Inner)};
    I.Range = Inner->getSourceRange();
    I.API = apiName(Call, SM, Ctx);
    I.Creator = apiName(Inner, SM, Ctx);
    I.ArgIndex = Index;
    if (Kind == IssueKind::LeakInlineArgument) {
      if (std::optional<FixItHint> Fix = stealingUnitFix(Call, Index, SM, Ctx))
        I.FixIts.push_back(*Fix);
      Reported.insert(Inner);
    }
    Sink(std::move(I));
  }

  /// Where a user reads the expression: the outermost macro expansion.
  SourceLocation locationOf(const Expr *E) const {
    return Ctx.getSourceManager().getExpansionLoc(E->getBeginLoc());
  }

  const SummaryManager &SM;
  ASTContext &Ctx;
  const IssueSink &Sink;
};
} // namespace

ReportedCalls pyrefleak::analysis::findDefiniteIssues(const FunctionDecl &FD,
                                                      const SummaryManager &SM,
                                                      ASTContext &Ctx,
                                                      const IssueSink &Sink) {
  DefiniteWalker Walker(SM, Ctx, Sink);
  Walker.walk(FD.getBody());
  return std::move(Walker.Reported);
}
