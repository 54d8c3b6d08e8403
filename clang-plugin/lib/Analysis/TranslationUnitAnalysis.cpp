//===- TranslationUnitAnalysis.cpp - Run every analysis on a TU -----------===//
//
/// \file
/// Orders the analyses: definite checks first, so that the path-sensitive
/// analysis can leave alone what they already reported.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/TranslationUnitAnalysis.h"
#include "pyrefleak/Analysis/DefiniteChecks.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

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

void pyrefleak::analysis::analyzeTranslationUnit(
    ASTContext &Ctx, SummaryManager &SM, const AnalysisOptions &,
    llvm::function_ref<bool(const FunctionDecl &)> ShouldCheck,
    const IssueSink &Sink) {
  for (const FunctionDecl *FD : definitionsOf(Ctx)) {
    if (!ShouldCheck(*FD))
      continue;
    findDefiniteIssues(*FD, SM, Ctx, Sink);
  }
}
