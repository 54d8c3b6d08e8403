//===- TranslationUnitIssues.cpp - One analysis run per TU ----------------===//
//
/// \file
/// Two caches shared by every check instance in the process: the rules,
/// keyed by where they come from and invalidated when a file changes (clangd
/// runs for hours while users edit their rules), and the issues of each live
/// ASTContext, dropped when the context is destroyed.
//
//===----------------------------------------------------------------------===//

#include "TranslationUnitIssues.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "pyrefleak/Analysis/TranslationUnitAnalysis.h"
#include "pyrefleak/Rules/RuleDatabase.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <dlfcn.h>
#include <map>
#include <memory>
#include <mutex>

using namespace clang;
using namespace llvm;
using namespace pyrefleak;
using namespace pyrefleak::tidy;

namespace {
/// A loaded rules database and the file times it was loaded from.
struct CachedRules {
  std::string Stamp;
  std::shared_ptr<const rules::RuleDatabase> Rules;
};

/// Cache key of one translation unit under one configuration.
using EntryKey = std::pair<const ASTContext *, std::string>;
} // namespace

static std::mutex CacheMutex;

/// Function-local statics: no global constructors.
static std::map<std::string, CachedRules> &rulesCache() {
  static std::map<std::string, CachedRules> Cache;
  return Cache;
}

static std::map<EntryKey, std::unique_ptr<TranslationUnitIssues>> &
issueCache() {
  static std::map<EntryKey, std::unique_ptr<TranslationUnitIssues>> Cache;
  return Cache;
}

/// The file this code was loaded from. dladdr names a module as dlopen was
/// given it, which may be relative ("clang-tidy --load=build/lib/X.so"), so
/// the mapping the kernel lists for our address is read instead.
static std::string loadedFrom() {
  auto Self = reinterpret_cast<uintptr_t>(&loadedFrom);
  if (auto Maps = MemoryBuffer::getFileAsStream("/proc/self/maps")) {
    SmallVector<StringRef, 64> Lines;
    (*Maps)->getBuffer().split(Lines, '\n');
    for (StringRef Line : Lines) {
      // 7f12...-7f13... r-xp 00000000 08:01 1234   /path/to/module.so
      auto [Range, Rest] = Line.split(' ');
      auto [Low, High] = Range.split('-');
      uint64_t Begin, End;
      if (Low.getAsInteger(16, Begin) || High.getAsInteger(16, End) ||
          Self < Begin || Self >= End)
        continue;
      size_t Slash = Rest.find('/');
      if (Slash != StringRef::npos)
        return Rest.substr(Slash).trim().str();
    }
  }
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&loadedFrom), &Info) && Info.dli_fname &&
      sys::path::is_absolute(Info.dli_fname))
    return Info.dli_fname;
  return sys::fs::getMainExecutable(nullptr,
                                    reinterpret_cast<void *>(&loadedFrom));
}

std::string pyrefleak::tidy::defaultRulesDir() {
  // The module (lib/PyRefLeakTidy.so) or the program that links it
  // (bin/pyrefleak-clangd): the rules are in ../share either way.
  std::string Self = loadedFrom();
  SmallString<256> Real;
  if (!sys::fs::real_path(Self, Real))
    Self = std::string(Real);
  SmallString<256> Dir(sys::path::parent_path(sys::path::parent_path(Self)));
  sys::path::append(Dir, "share", "pyrefleak", "rules");
  return std::string(Dir);
}

static std::string keyOf(const AnalysisConfig &Config) {
  std::string Key = Config.RulesDir;
  for (const std::string &File : Config.RulesFiles)
    Key += "\n" + File;
  Key += "\n" + std::to_string(Config.PathBudget) +
         (Config.MainFileOnly ? "\nmain" : "\nall");
  return Key;
}

/// Names and modification times of every file the rules come from.
static std::string stampOf(StringRef Dir, ArrayRef<std::string> Files) {
  std::string Stamp;
  auto Add = [&](StringRef Path) {
    sys::fs::file_status Status;
    if (sys::fs::status(Path, Status))
      return;
    Stamp += Path.str() + "@" +
             std::to_string(
                 Status.getLastModificationTime().time_since_epoch().count()) +
             "\n";
  };
  std::error_code EC;
  for (sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (sys::path::extension(It->path()) == ".yaml")
      Add(It->path());
  for (const std::string &File : Files)
    Add(File);
  return Stamp;
}

/// The rules for \p Config, loaded once and again when a file changes.
static Expected<std::shared_ptr<const rules::RuleDatabase>>
rulesFor(const AnalysisConfig &Config) {
  std::string Dir =
      Config.RulesDir.empty() ? defaultRulesDir() : Config.RulesDir;
  std::string Key = Dir;
  for (const std::string &File : Config.RulesFiles)
    Key += "\n" + File;
  std::string Stamp = stampOf(Dir, Config.RulesFiles);
  {
    std::lock_guard<std::mutex> Lock(CacheMutex);
    auto It = rulesCache().find(Key);
    if (It != rulesCache().end() && It->second.Stamp == Stamp)
      return It->second.Rules;
  }
  Expected<rules::RuleDatabase> Loaded =
      rules::loadRules(Dir, Config.RulesFiles);
  if (!Loaded)
    return Loaded.takeError();
  auto Rules = std::make_shared<const rules::RuleDatabase>(std::move(*Loaded));
  std::lock_guard<std::mutex> Lock(CacheMutex);
  rulesCache()[Key] = CachedRules{Stamp, Rules};
  return Rules;
}

/// Drops every cache entry of the ASTContext being destroyed.
static void forgetContext(void *Ctx) {
  std::lock_guard<std::mutex> Lock(CacheMutex);
  auto &Cache = issueCache();
  auto It = Cache.lower_bound({static_cast<const ASTContext *>(Ctx), ""});
  while (It != Cache.end() && It->first.first == Ctx)
    It = Cache.erase(It);
}

/// Runs the analysis over \p Ctx into \p Result.
static void analyze(ASTContext &Ctx, const Preprocessor &PP,
                    const AnalysisConfig &Config,
                    TranslationUnitIssues &Result) {
  std::optional<analysis::PythonTarget> Target =
      analysis::SummaryManager::targetOf(PP);
  if (!Target)
    return; // Not a CPython extension: nothing to check.
  auto Rules = rulesFor(Config);
  if (!Rules) {
    Result.Error = toString(Rules.takeError());
    return;
  }
  analysis::SummaryManager Summaries(**Rules, *Target);
  analysis::AnalysisOptions Options;
  Options.PathBudget = Config.PathBudget;
  const SourceManager &SM = Ctx.getSourceManager();
  std::string PythonInclude = analysis::SummaryManager::pythonIncludeDir(PP);
  auto IsUserCode = [&](const FunctionDecl &FD) {
    if (Config.MainFileOnly)
      return SM.isInMainFile(SM.getExpansionLoc(FD.getLocation()));
    return analysis::isUserCode(FD, PythonInclude);
  };
  analysis::analyzeTranslationUnit(
      Ctx, Summaries, Options, IsUserCode,
      [&](Issue I) { Result.Issues.push_back(std::move(I)); },
      [&](ConfigError E) { Result.ConfigErrors.push_back(std::move(E)); });
}

TranslationUnitIssues &
pyrefleak::tidy::issuesFor(ASTContext &Ctx, const Preprocessor &PP,
                           const AnalysisConfig &Config) {
  TranslationUnitIssues *Entry;
  {
    std::lock_guard<std::mutex> Lock(CacheMutex);
    auto &Cache = issueCache();
    bool KnownContext = false;
    auto It = Cache.lower_bound({&Ctx, ""});
    KnownContext = It != Cache.end() && It->first.first == &Ctx;
    auto [Slot, Inserted] = Cache.try_emplace({&Ctx, keyOf(Config)});
    if (!Inserted)
      return *Slot->second;
    Slot->second = std::make_unique<TranslationUnitIssues>();
    Entry = Slot->second.get();
    if (!KnownContext)
      Ctx.AddDeallocation(forgetContext, &Ctx);
  }
  // Only the thread that owns Ctx gets here: run outside the lock so that
  // clangd's workers analyse their files in parallel.
  analyze(Ctx, PP, Config, *Entry);
  return *Entry;
}
