//===- TranslationUnitAnalysis.h - Run every analysis on a TU ---*- C++ -*-===//
//
/// \file
/// The one entry point the front ends (plugin, clang-tidy, clangd) call:
/// learns what the file's own functions do, then checks each function the
/// front end selects, and hands the issues to the sink.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_TRANSLATIONUNITANALYSIS_H
#define PYREFLEAK_ANALYSIS_TRANSLATIONUNITANALYSIS_H

#include "pyrefleak/Analysis/Issue.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <functional>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace pyrefleak::analysis {
class SummaryManager;

struct AnalysisOptions {
  /// Upper bound on the states explored per function. A function that
  /// needs more is explored again with the states that agree on ownership
  /// merged; one that still needs more gets only the definite checks and
  /// a path-insensitive pass.
  unsigned PathBudget = 20000;
  /// Called for each function whose paths did not fit the budget even
  /// merged (the plugin's -v remark, the scan's "unexplored" list).
  std::function<void(const clang::FunctionDecl &)> Unexplored;
};

/// Whether \p FD is code its user can fix: neither in a system header nor
/// among the CPython headers in \p PythonInclude (which are not system
/// headers when included with -I).
bool isUserCode(const clang::FunctionDecl &FD, llvm::StringRef PythonInclude);

/// Analyses every function definition of the translation unit for which
/// \p ShouldCheck holds; summaries of all definitions are inferred first.
void analyzeTranslationUnit(
    clang::ASTContext &Ctx, SummaryManager &SM, const AnalysisOptions &Options,
    llvm::function_ref<bool(const clang::FunctionDecl &)> ShouldCheck,
    const IssueSink &Sink);

/// As above; mistakes in the user's annotations go to \p Errors.
void analyzeTranslationUnit(
    clang::ASTContext &Ctx, SummaryManager &SM, const AnalysisOptions &Options,
    llvm::function_ref<bool(const clang::FunctionDecl &)> ShouldCheck,
    const IssueSink &Sink, const ConfigErrorSink &Errors);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_TRANSLATIONUNITANALYSIS_H
