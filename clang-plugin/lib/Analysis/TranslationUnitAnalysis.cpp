//===- TranslationUnitAnalysis.cpp - Run every analysis on a TU -----------===//
//
/// \file
/// Orders the analyses: annotations, then summaries of the file's own
/// functions (callees first), then per function the definite checks before
/// the path-sensitive analysis, so that it can leave alone what they
/// already reported.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/TranslationUnitAnalysis.h"
#include "pyrefleak/Analysis/Annotations.h"
#include "pyrefleak/Analysis/DefiniteChecks.h"
#include "pyrefleak/Analysis/FormatChecks.h"
#include "pyrefleak/Analysis/PathAnalysis.h"
#include "pyrefleak/Analysis/PythonFacing.h"
#include "pyrefleak/Analysis/SummaryInference.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace pyrefleak;
using namespace pyrefleak::analysis;

/// Function definitions of the translation unit, in source order.
static std::vector<const FunctionDecl *> definitionsOf(ASTContext &Ctx) {
  std::vector<const FunctionDecl *> Result;
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (const auto *FD = dyn_cast<FunctionDecl>(D);
        FD && FD->doesThisDeclarationHaveABody())
      Result.push_back(FD);
  return Result;
}

bool pyrefleak::analysis::isUserCode(const FunctionDecl &FD,
                                     StringRef PythonInclude) {
  const SourceManager &SM = FD.getASTContext().getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(FD.getLocation());
  if (SM.isInSystemHeader(Loc))
    return false;
  return PythonInclude.empty() ||
         !SM.getFilename(Loc).starts_with((PythonInclude + "/").str());
}

void pyrefleak::analysis::analyzeTranslationUnit(
    ASTContext &Ctx, SummaryManager &SM, const AnalysisOptions &Options,
    llvm::function_ref<bool(const FunctionDecl &)> ShouldCheck,
    const IssueSink &Sink) {
  analyzeTranslationUnit(Ctx, SM, Options, ShouldCheck, Sink, nullptr);
}

void pyrefleak::analysis::analyzeTranslationUnit(
    ASTContext &Ctx, SummaryManager &SM, const AnalysisOptions &Options,
    llvm::function_ref<bool(const FunctionDecl &)> ShouldCheck,
    const IssueSink &Sink, const ConfigErrorSink &Errors) {
  applyAnnotations(Ctx, SM, Errors ? Errors : [](ConfigError) {});
  llvm::DenseMap<const FunctionDecl *, EntryPointFacts> Facing =
      findPythonFacing(Ctx, SM.rules());
  std::vector<const FunctionDecl *> Checked;
  std::vector<FunctionRole> Roles;
  for (const FunctionDecl *FD : definitionsOf(Ctx)) {
    if (!ShouldCheck(*FD))
      continue;
    // Roles come from CPython's tables and from what the rules and the
    // annotations promise, not from what inference will read off the body.
    FunctionRole Role;
    auto Entry = Facing.find(FD->getCanonicalDecl());
    Role.PythonFacing = Entry != Facing.end();
    Role.ExceptionOnError =
        Role.PythonFacing && Entry->second.ExceptionRequired;
    const Summary *Promised = SM.lookup(FD);
    Role.ReturnsNew = (Role.PythonFacing && Entry->second.ResultNew &&
                       isObjectPointerType(FD->getReturnType())) ||
                      (Promised && Promised->Returns == rules::ReturnKind::New);
    Checked.push_back(FD);
    Roles.push_back(Role);
  }
  inferCalleeSummaries(Ctx, SM, Options, Checked);
  llvm::DenseSet<const FieldDecl *> Owning = findOwningFields(Ctx, SM);
  for (FunctionRole &Role : Roles)
    Role.OwningFields = &Owning;
  for (size_t I = 0; I < Checked.size(); ++I) {
    const FunctionDecl &FD = *Checked[I];
    ReportedCalls Reported = findDefiniteIssues(FD, SM, Ctx, Sink);
    findFormatIssues(FD, SM, Ctx, Sink);
    checkPaths(FD, Roles[I], SM, Ctx, Options, Reported, Sink);
  }
}
