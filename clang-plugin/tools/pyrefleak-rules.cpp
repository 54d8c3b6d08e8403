//===- pyrefleak-rules.cpp - Check and query the rules database ----------===//
//
/// \file
/// Loads the rules as the plugin does and reports errors with file, line and
/// column; used by the rules tests, by utils/import-refcounts.py --check, and
/// by users validating their own rules files.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Rules/RuleDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace pyrefleak::rules;

static cl::OptionCategory Category("pyrefleak-rules options");
static cl::opt<std::string> RulesDir("rules-dir", cl::desc("built-in rules directory"),
                                     cl::cat(Category));
static cl::list<std::string> UserFiles(cl::Positional, cl::desc("[rules files...]"),
                                       cl::cat(Category));
static cl::opt<bool> DumpJSON("dump-json",
                              cl::desc("print every function rule as JSON"),
                              cl::cat(Category));
static cl::opt<std::string> Lookup("lookup", cl::desc("print the rule for one name"),
                                   cl::cat(Category));
static cl::opt<std::string> Version("python", cl::desc("Python version for --lookup"),
                                    cl::init("3.11"), cl::cat(Category));

/// share/pyrefleak/rules next to this tool's bin/ directory.
static std::string defaultRulesDir(const char *Argv0) {
  std::string Exe = sys::fs::getMainExecutable(Argv0, (void *)&defaultRulesDir);
  SmallString<256> Dir(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Dir, "share", "pyrefleak", "rules");
  return std::string(Dir);
}

static StringRef returnName(ReturnKind K) {
  switch (K) {
  case ReturnKind::New: return "new";
  case ReturnKind::Borrowed: return "borrowed";
  case ReturnKind::AliasNew: return "alias-new";
  case ReturnKind::AlwaysNull: return "always-null";
  case ReturnKind::Status: return "status";
  case ReturnKind::Value: return "value";
  }
  llvm_unreachable("unhandled ReturnKind");
}

static StringRef effectName(ArgEffect E) {
  switch (E) {
  case ArgEffect::Borrows: return "borrows";
  case ArgEffect::Steals: return "steals";
  case ArgEffect::StealsOnSuccess: return "steals-on-success";
  case ArgEffect::Releases: return "releases";
  case ArgEffect::Retains: return "retains";
  case ArgEffect::OutNew: return "out-new";
  case ArgEffect::OutBorrowed: return "out-borrowed";
  case ArgEffect::StealsAndOutNew: return "steals-and-out-new";
  }
  llvm_unreachable("unhandled ArgEffect");
}

static StringRef sourceName(RuleSource S) {
  switch (S) {
  case RuleSource::Refcounts: return "refcounts";
  case RuleSource::Manual: return "manual";
  case RuleSource::User: return "user";
  }
  llvm_unreachable("unhandled RuleSource");
}

static json::Value toJSON(const FunctionRule &R) {
  json::Array Args;
  for (const ArgRule &A : R.Args)
    Args.push_back(json::Object{{"index", A.Index},
                                {"effect", effectName(A.Effect)},
                                {"nullable", A.Nullable},
                                {"derefs", A.Derefs}});
  json::Object O{{"name", R.Name},
                 {"returns", returnName(R.Returns)},
                 {"args", std::move(Args)},
                 {"source", sourceName(R.Source)},
                 {"origin", R.Origin}};
  if (!R.Aliases.empty())
    O["aliases"] = json::Array(R.Aliases);
  if (R.Since)
    O["since"] = R.Since->str();
  if (R.Until)
    O["until"] = R.Until->str();
  return std::move(O);
}

int main(int Argc, char **Argv) {
  cl::HideUnrelatedOptions(Category);
  cl::ParseCommandLineOptions(Argc, Argv,
                              "check the pyrefleak rules database\n");
  std::string Dir = RulesDir.empty() ? defaultRulesDir(Argv[0]) : RulesDir;
  Expected<RuleDatabase> DB = loadRules(Dir, UserFiles);
  if (!DB) {
    errs() << toString(DB.takeError()) << "\n";
    return 1;
  }
  if (DumpJSON) {
    json::Array All;
    for (const FunctionRule &R : DB->functions())
      All.push_back(toJSON(R));
    outs() << formatv("{0:2}", json::Value(std::move(All))) << "\n";
    return 0;
  }
  if (!Lookup.empty()) {
    std::optional<PyVersion> V = PyVersion::parse(Version);
    if (!V) {
      errs() << "error: --python expects a version such as 3.11\n";
      return 1;
    }
    const FunctionRule *R = DB->lookup(Lookup, *V);
    if (!R) {
      errs() << "no rule for '" << Lookup << "' in Python " << V->str() << "\n";
      return 1;
    }
    outs() << formatv("{0:2}", toJSON(*R)) << "\n";
    return 0;
  }
  outs() << DB->functions().size() << " function rules, " << DB->cached().size()
         << " cached-object rules, " << DB->formatUnits().size()
         << " format units\n";
  return 0;
}
