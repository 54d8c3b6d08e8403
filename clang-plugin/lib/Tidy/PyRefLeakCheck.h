//===- PyRefLeakCheck.h - What every pyrefleak check shares ----*- C++ -*-===//
//
/// \file
/// The base of the six pyrefleak clang-tidy checks. A check only names its
/// CheckKind: matching, running the shared analysis (once per translation
/// unit, see TranslationUnitIssues.h), options and reporting live here.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_TIDY_PYREFLEAKCHECK_H
#define PYREFLEAK_TIDY_PYREFLEAKCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "pyrefleak/Analysis/Issue.h"
#include <string>
#include <vector>

namespace pyrefleak::tidy {

/// Options, all read with getLocalOrGlobal so that one CheckOptions entry
/// configures all six checks:
///   RulesDir    directory of the built-in rules (default: the installed
///               share/pyrefleak/rules)
///   RulesFiles  extra rules files, separated by ';' or ','
///   PathBudget  states explored per function before giving up
/// and, for pyrefleak-null-deref only (read with get):
///   IgnoreAllocationFailures  leave out results that are NULL only when
///               memory runs out (default false)
class PyRefLeakCheck : public clang::tidy::ClangTidyCheck {
public:
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const clang::SourceManager &SM,
                           clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void onStartOfTranslationUnit() override { Reported = false; }
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  PyRefLeakCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx,
                 CheckKind Kind);

private:
  class Reporter;

  const CheckKind Kind;
  const std::string RulesDir;   // option "RulesDir", default ""
  const std::string RulesFiles; // option "RulesFiles", default ""
  const unsigned PathBudget;    // option "PathBudget", default 20000
  const bool IgnoreAllocationFailures; // default false
  clang::tidy::ClangTidyContext *TidyContext;
  clang::Preprocessor *PP = nullptr;
  bool Reported = false; ///< This translation unit's issues are out.
};

} // namespace pyrefleak::tidy

#endif // PYREFLEAK_TIDY_PYREFLEAKCHECK_H
