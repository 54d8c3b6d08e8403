//===- PyRefLeakCheck.cpp - What every pyrefleak check shares -------------===//
//
/// \file
/// Matches function definitions (not the translation unit: clangd limits
/// the traversal to the main file's declarations), runs the analysis on the
/// first match and reports the issues of this check's kind through
/// ClangTidyCheck::diag, so that clang-tidy applies NOLINT, header filters,
/// -fix and WarningsAsErrors as for any other check.
//
//===----------------------------------------------------------------------===//

#include "PyRefLeakCheck.h"
#include "TranslationUnitIssues.h"
#include "pyrefleak/Analysis/TranslationUnitAnalysis.h"
#include "pyrefleak/Diagnostics/IssueReporter.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace llvm;
using namespace pyrefleak;
using namespace pyrefleak::tidy;

/// Emits through the check, so the warning carries its name.
class PyRefLeakCheck::Reporter : public diag::IssueReporter {
public:
  Reporter(PyRefLeakCheck &Check, const SourceManager &SM)
      : IssueReporter(SM), Check(Check) {}

private:
  bool emitWarning(CheckKind, SourceLocation Loc, StringRef Text,
                   SourceRange Range, ArrayRef<FixItHint> FixIts) override {
    auto Diag = Check.diag(Loc, "%0") << Text;
    if (Range.isValid())
      Diag << CharSourceRange::getTokenRange(
          SM.getExpansionRange(Range).getAsRange());
    for (const FixItHint &Fix : FixIts)
      Diag << Fix;
    return true;
  }

  void emitNote(SourceLocation Loc, StringRef Text) override {
    Check.diag(Loc, "%0", DiagnosticIDs::Note) << Text;
  }

  /// A malformed annotation belongs to no check: it is reported as the
  /// compile error it is in the plugin, whichever checks are enabled.
  void emitError(SourceLocation Loc, StringRef Text) override {
    Check.TidyContext->diag("clang-diagnostic-error", Loc, "%0",
                            DiagnosticIDs::Error)
        << Text;
  }

  bool handlesNolint() const override { return true; }

  PyRefLeakCheck &Check;
};

/// A boolean option's value as clang-tidy spells them.
static bool isTrue(StringRef Value) {
  return Value.equals_insensitive("true") || Value == "1";
}

static const unsigned DefaultPathBudget =
    analysis::AnalysisOptions().PathBudget;

PyRefLeakCheck::PyRefLeakCheck(StringRef Name,
                               clang::tidy::ClangTidyContext *Ctx,
                               CheckKind Kind)
    : ClangTidyCheck(Name, Ctx), Kind(Kind),
      RulesDir(Options.getLocalOrGlobal("RulesDir", "")),
      RulesFiles(Options.getLocalOrGlobal("RulesFiles", "")),
      PathBudget(Options.getLocalOrGlobal("PathBudget", DefaultPathBudget)),
      IgnoreAllocationFailures(
          Kind == CheckKind::NullDeref &&
          isTrue(Options.get("IgnoreAllocationFailures", "false"))),
      TidyContext(Ctx) {
  if (PathBudget == 0)
    configurationDiag("invalid configuration value '0' for option "
                      "'PathBudget'; expected a positive number",
                      DiagnosticIDs::Error);
}

void PyRefLeakCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition()), this);
}

void PyRefLeakCheck::registerPPCallbacks(const SourceManager &,
                                         Preprocessor *PP, Preprocessor *) {
  this->PP = PP;
}

/// "a.yaml;b.yaml" or "a.yaml, b.yaml" as a list.
static std::vector<std::string> splitList(StringRef List) {
  SmallVector<StringRef, 4> Items;
  List.split(Items, ',');
  std::vector<std::string> Result;
  for (StringRef Item : Items) {
    SmallVector<StringRef, 4> Parts;
    Item.split(Parts, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
    for (StringRef Part : Parts)
      if (!Part.trim().empty())
        Result.push_back(Part.trim().str());
  }
  return Result;
}

void PyRefLeakCheck::check(const MatchFinder::MatchResult &R) {
  if (Reported || !PP || PathBudget == 0)
    return;
  Reported = true;
  AnalysisConfig Config;
  Config.RulesDir = RulesDir;
  Config.RulesFiles = splitList(RulesFiles);
  Config.PathBudget = PathBudget;
  const std::optional<std::string> &HeaderFilter =
      TidyContext->getOptions().HeaderFilterRegex;
  Config.MainFileOnly = !HeaderFilter || HeaderFilter->empty();
  TranslationUnitIssues &Found = issuesFor(*R.Context, *PP, Config);
  if (!Found.Error.empty()) {
    if (!Found.ErrorReported)
      configurationDiag("cannot load the pyrefleak rules: %0",
                        DiagnosticIDs::Error)
          << Found.Error;
    Found.ErrorReported = true;
    return;
  }
  Reporter Out(*this, *R.SourceManager);
  if (!Found.ConfigErrorsReported)
    for (const ConfigError &E : Found.ConfigErrors)
      Out.reportError(E);
  Found.ConfigErrorsReported = true;
  for (const Issue &I : Found.Issues)
    if (checkOf(I.Kind) == Kind &&
        !(I.MemoryOnly && IgnoreAllocationFailures))
      Out.report(I);
}

void PyRefLeakCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "RulesDir", RulesDir);
  Options.store(Opts, "RulesFiles", RulesFiles);
  Options.store(Opts, "PathBudget", PathBudget);
  if (Kind == CheckKind::NullDeref)
    Options.store(Opts, "IgnoreAllocationFailures",
                  IgnoreAllocationFailures ? "true" : "false");
}
