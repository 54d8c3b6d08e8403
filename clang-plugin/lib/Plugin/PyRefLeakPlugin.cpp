//===- PyRefLeakPlugin.cpp - The compiler plugin ---------------------------===//
//
/// \file
/// Registers "pyrefleak" as a plugin that runs before the main action, so
/// that a normal compile also checks (and, with "instrument", rewrites the
/// AST for the run-time ledger before code generation sees it).
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/SummaryInference.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "pyrefleak/Analysis/TranslationUnitAnalysis.h"
#include "pyrefleak/Diagnostics/IssueReporter.h"
#include "pyrefleak/Instrument/Instrumenter.h"
#include "pyrefleak/Rules/RuleDatabase.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/HeaderSearchOptions.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <dlfcn.h>

using namespace clang;
using namespace llvm;
using namespace pyrefleak;

namespace {
struct PluginOptions {
  pyrefleak::diag::CheckSet Checks = pyrefleak::diag::CheckSet::all();
  pyrefleak::diag::CheckSet Errors = pyrefleak::diag::CheckSet::none();
  std::string RulesDir;
  std::vector<std::string> RuleFiles;
  std::string SummariesOut;
  analysis::AnalysisOptions Analysis;
  bool Instrument = false;
  bool Verbose = false;
  /// Leave out the NULLs that only an allocation failure produces.
  bool IgnoreAllocationFailures = false;
};

/// Runs the analyses at the end of the translation unit and, when asked,
/// instruments each function as it is parsed.
class PyRefLeakConsumer : public ASTConsumer {
public:
  PyRefLeakConsumer(CompilerInstance &CI, PluginOptions Options)
      : CI(CI), Options(std::move(Options)) {}

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    if (!Options.Instrument || !prepare())
      return true;
    for (Decl *D : Group)
      instrument(D);
    return true;
  }

  /// Instruments the functions \p D defines, in C++ also those of its
  /// extern "C" blocks and namespaces (not class members).
  void instrument(Decl *D) {
    if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (!isa<CXXMethodDecl>(FD) && FD->doesThisDeclarationHaveABody() &&
          isUserCode(*FD))
        Instrumenter->instrument(*FD);
      return;
    }
    if (isa<LinkageSpecDecl, NamespaceDecl>(D))
      for (Decl *Inner : cast<DeclContext>(D)->decls())
        instrument(Inner);
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (CI.getDiagnostics().hasErrorOccurred() || !prepare())
      return;
    pyrefleak::diag::CompilerIssueReporter Reporter(CI.getDiagnostics(),
                                         Ctx.getSourceManager(), Options.Errors);
    Reporter.setEnabled(Options.Checks);
    analysis::AnalysisOptions Analysis = Options.Analysis;
    if (Options.Verbose || CI.getHeaderSearchOpts().Verbose)
      Analysis.Unexplored = [&](const FunctionDecl &FD) {
        DiagnosticsEngine &Diags = CI.getDiagnostics();
        Diags.Report(FD.getLocation(),
                     Diags.getCustomDiagID(
                         DiagnosticsEngine::Remark,
                         "pyrefleak: '%0' not fully explored: its paths need "
                         "more than %1 states; checked by the definite and "
                         "path-insensitive checks only"))
            << FD.getName() << Analysis.PathBudget;
      };
    analysis::analyzeTranslationUnit(
        Ctx, *Summaries, Analysis,
        [&](const FunctionDecl &FD) { return isUserCode(FD); },
        [&](Issue I) {
          if (!(I.MemoryOnly && Options.IgnoreAllocationFailures))
            Reporter.report(I);
        },
        [&](ConfigError E) { Reporter.reportError(E); });
    if (!Options.SummariesOut.empty())
      writeSummaries(Ctx);
  }

private:
  /// Loads the rules once Python.h has been seen; false when the file does
  /// not use the CPython API or the rules are unusable (already reported).
  bool prepare() {
    if (Summaries)
      return true;
    if (Failed)
      return false;
    Preprocessor &PP = CI.getPreprocessor();
    std::optional<analysis::PythonTarget> Target =
        analysis::SummaryManager::targetOf(PP);
    if (!Target)
      return false;
    Expected<rules::RuleDatabase> Loaded =
        rules::loadRules(Options.RulesDir, Options.RuleFiles);
    if (!Loaded) {
      Failed = true;
      reportError(toString(Loaded.takeError()));
      return false;
    }
    Rules = std::make_unique<rules::RuleDatabase>(std::move(*Loaded));
    Summaries = std::make_unique<analysis::SummaryManager>(*Rules, *Target);
    PythonInclude = analysis::SummaryManager::pythonIncludeDir(PP);
    if (Options.Instrument)
      Instrumenter = std::make_unique<instrument::Instrumenter>(
          CI.getASTContext(), *Summaries, Options.Analysis);
    return true;
  }

  /// Writes the summaries of the functions other files can call (C
  /// linkage, defined here) that no rule covers, sorted by name.
  void writeSummaries(ASTContext &Ctx) {
    std::vector<const FunctionDecl *> Exported;
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (FD && FD->doesThisDeclarationHaveABody() && FD->isExternC() &&
          FD->isExternallyVisible() && FD->getIdentifier() && isUserCode(*FD))
        Exported.push_back(FD);
    }
    analysis::inferSummaries(Ctx, *Summaries, Options.Analysis, Exported);
    std::vector<rules::FunctionRule> Written;
    for (const FunctionDecl *FD : Exported)
      if (const analysis::Summary *S = Summaries->defined(FD))
        Written.push_back(*S);
    llvm::sort(Written, [](const auto &A, const auto &B) {
      return A.Name < B.Name;
    });
    std::error_code EC;
    raw_fd_ostream OS(Options.SummariesOut, EC, sys::fs::OF_Text);
    if (EC) {
      reportError("cannot write '" + Options.SummariesOut +
                  "': " + EC.message());
      return;
    }
    OS << rules::writeRules(Written);
  }

  void reportError(StringRef Message) {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0"))
        << ("pyrefleak: " + Message).str();
  }

  bool isUserCode(const FunctionDecl &FD) const {
    return analysis::isUserCode(FD, PythonInclude);
  }

  CompilerInstance &CI;
  PluginOptions Options;
  bool Failed = false;
  std::string PythonInclude;
  std::unique_ptr<rules::RuleDatabase> Rules;
  std::unique_ptr<analysis::SummaryManager> Summaries;
  std::unique_ptr<instrument::Instrumenter> Instrumenter;
};

/// The directory this plugin was loaded from.
static std::string pluginDir() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&pluginDir), &Info) || !Info.dli_fname)
    return {};
  return sys::path::parent_path(Info.dli_fname).str();
}

class PyRefLeakAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    return std::make_unique<PyRefLeakConsumer>(CI, Options);
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    SmallString<256> DefaultRules(pluginDir());
    sys::path::append(DefaultRules, "..", "share", "pyrefleak", "rules");
    Options.RulesDir = std::string(DefaultRules);
    bool Ok = true;
    for (const std::string &Arg : Args)
      Ok &= parseArg(CI.getDiagnostics(), Arg);
    return Ok;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  bool parseArg(DiagnosticsEngine &Diags, StringRef Arg) {
    auto [Name, Value] = Arg.split('=');
    auto Error = [&](const Twine &Message) {
      Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error,
                                         "pyrefleak: %0"))
          << Message.str();
      return false;
    };
    auto CheckList = [&](pyrefleak::diag::CheckSet &Set) {
      std::vector<std::string> Unknown = Set.apply(Value);
      if (Unknown.empty())
        return true;
      return Error("unknown check '" + Unknown.front() +
                   "' (checks: " + allCheckNames() + ")");
    };
    if (Name == "checks")
      return CheckList(Options.Checks);
    if (Name == "werror")
      return CheckList(Options.Errors);
    if (Name == "rules-dir") {
      Options.RulesDir = Value.str();
      return true;
    }
    if (Name == "rules") {
      Options.RuleFiles.push_back(Value.str());
      return true;
    }
    if (Name == "summaries-out") {
      if (Value.empty())
        return Error("'summaries-out' needs a file name");
      Options.SummariesOut = Value.str();
      return true;
    }
    if (Name == "path-budget") {
      if (Value.getAsInteger(10, Options.Analysis.PathBudget) ||
          Options.Analysis.PathBudget == 0)
        return Error("'path-budget' needs a positive number, not '" + Value +
                     "'");
      return true;
    }
    if (Name == "ignore-allocation-failures") {
      Options.IgnoreAllocationFailures = true;
      return true;
    }
    if (Name == "instrument") {
      Options.Instrument = true;
      return true;
    }
    if (Name == "verbose") {
      Options.Verbose = true;
      return true;
    }
    if (Name == "help") {
      printHelp();
      return true;
    }
    return Error("unknown plugin argument '" + Arg +
                 "' (see -fplugin-arg-pyrefleak-help)");
  }

  static std::string allCheckNames() {
    std::string Names;
#define PYREFLEAK_CHECK(Enum, Name, Summary)                                   \
  Names += (Names.empty() ? "" : ", ") + std::string("pyrefleak-") + Name;
#include "pyrefleak/IssueKinds.def"
    return Names;
  }

  static void printHelp() {
    raw_ostream &OS = errs();
    OS << "pyrefleak plugin arguments (-fplugin-arg-pyrefleak-<name>[=value]):\n";
#define PYREFLEAK_PLUGIN_OPTION(Name, Spelling, Help)                          \
  OS << "  " << Spelling << "\n      " << Help << "\n";
#include "PluginOptions.def"
    OS << "checks: " << allCheckNames() << "\n";
  }

  PluginOptions Options;
};
} // namespace

static FrontendPluginRegistry::Add<PyRefLeakAction>
    X("pyrefleak", "check CPython reference counting");
