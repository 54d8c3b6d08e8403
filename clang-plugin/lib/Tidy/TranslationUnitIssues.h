//===- TranslationUnitIssues.h - One analysis run per TU -------*- C++ -*-===//
//
/// \file
/// The six pyrefleak checks are six clang-tidy checks, but the analysis
/// finds the issues of all of them in one pass. The first check to ask runs
/// it; the others read the issues it kept for the same ASTContext.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_TIDY_TRANSLATIONUNITISSUES_H
#define PYREFLEAK_TIDY_TRANSLATIONUNITISSUES_H

#include "pyrefleak/Analysis/Issue.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace pyrefleak::tidy {

/// Everything that changes what the analysis finds. Checks configured alike
/// share one run.
struct AnalysisConfig {
  std::string RulesDir; ///< Empty: the rules installed next to the module.
  std::vector<std::string> RulesFiles;
  unsigned PathBudget = 0;
  /// Analyse only the functions of the main file (clang-tidy without a
  /// header filter, and clangd, report nothing else).
  bool MainFileOnly = true;
};

/// What the analysis found in one translation unit.
struct TranslationUnitIssues {
  std::vector<Issue> Issues;
  /// Mistakes in the user's annotations: errors that belong to no check,
  /// reported once, by whichever check sees them first.
  std::vector<ConfigError> ConfigErrors;
  bool ConfigErrorsReported = false;
  /// Why there are no issues when the rules could not be loaded; reported
  /// once, by whichever check sees it first.
  std::string Error;
  bool ErrorReported = false;
};

/// The issues of \p Ctx under \p Config, computed on first use and kept
/// until \p Ctx is destroyed. \p PP is the translation unit's preprocessor.
TranslationUnitIssues &issuesFor(clang::ASTContext &Ctx,
                                 const clang::Preprocessor &PP,
                                 const AnalysisConfig &Config);

/// The rules directory used when the RulesDir option is empty:
/// share/pyrefleak/rules next to the installed module or clangd.
std::string defaultRulesDir();

} // namespace pyrefleak::tidy

#endif // PYREFLEAK_TIDY_TRANSLATIONUNITISSUES_H
