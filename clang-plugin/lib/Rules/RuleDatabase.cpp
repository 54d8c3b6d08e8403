//===- RuleDatabase.cpp - Load the CPython API ownership facts ------------===//
//
/// \file
/// Reads rules/*.yaml with LLVM's YAML I/O. The traits are strict: unknown
/// keys, unknown enumeration values and malformed versions are errors that
/// name the file, line and column.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Rules/RuleDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include <algorithm>

using namespace llvm;
using namespace pyrefleak::rules;

namespace {
/// The contents of one rules file.
struct RulesDocument {
  std::vector<FunctionRule> Functions;
  std::vector<CachedRule> Cached;
  std::vector<StaticObjectRule> StaticObjects;
  std::vector<FormatUnitRule> FormatUnits;
  std::vector<EntryPointRule> EntryPoints;
};

/// Context handed to the traits: where the text came from, so that entries
/// can remember their own line.
struct ParseContext {
  StringRef Buffer;
  StringRef FileName;
  RuleSource DefaultSource;
};
} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(FunctionRule)
LLVM_YAML_IS_SEQUENCE_VECTOR(ArgRule)
LLVM_YAML_IS_SEQUENCE_VECTOR(CachedRule)
LLVM_YAML_IS_SEQUENCE_VECTOR(StaticObjectRule)
LLVM_YAML_IS_SEQUENCE_VECTOR(EntryPointRule)
LLVM_YAML_IS_SEQUENCE_VECTOR(FormatUnitRule)

namespace llvm::yaml {
template <> struct ScalarEnumerationTraits<ReturnKind> {
  static void enumeration(IO &IO, ReturnKind &V) {
    IO.enumCase(V, "new", ReturnKind::New);
    IO.enumCase(V, "borrowed", ReturnKind::Borrowed);
    IO.enumCase(V, "alias-new", ReturnKind::AliasNew);
    IO.enumCase(V, "always-null", ReturnKind::AlwaysNull);
    IO.enumCase(V, "status", ReturnKind::Status);
    IO.enumCase(V, "value", ReturnKind::Value);
  }
};
template <> struct ScalarEnumerationTraits<FailureKind> {
  static void enumeration(IO &IO, FailureKind &V) {
    IO.enumCase(V, "none", FailureKind::None);
    IO.enumCase(V, "null", FailureKind::Null);
    IO.enumCase(V, "minus-one", FailureKind::MinusOne);
    IO.enumCase(V, "negative", FailureKind::Negative);
    IO.enumCase(V, "zero", FailureKind::Zero);
    IO.enumCase(V, "sentinel", FailureKind::Sentinel);
  }
};
template <> struct ScalarEnumerationTraits<ExceptionKind> {
  static void enumeration(IO &IO, ExceptionKind &V) {
    IO.enumCase(V, "never", ExceptionKind::Never);
    IO.enumCase(V, "on-failure", ExceptionKind::OnFailure);
    IO.enumCase(V, "always", ExceptionKind::Always);
    IO.enumCase(V, "clears", ExceptionKind::Clears);
    IO.enumCase(V, "test", ExceptionKind::Test);
    IO.enumCase(V, "maybe", ExceptionKind::Maybe);
  }
};
template <> struct ScalarEnumerationTraits<ArgEffect> {
  static void enumeration(IO &IO, ArgEffect &V) {
    IO.enumCase(V, "borrows", ArgEffect::Borrows);
    IO.enumCase(V, "steals", ArgEffect::Steals);
    IO.enumCase(V, "steals-on-success", ArgEffect::StealsOnSuccess);
    IO.enumCase(V, "keeps", ArgEffect::Keeps);
    IO.enumCase(V, "releases", ArgEffect::Releases);
    IO.enumCase(V, "retains", ArgEffect::Retains);
    IO.enumCase(V, "out-new", ArgEffect::OutNew);
    IO.enumCase(V, "out-borrowed", ArgEffect::OutBorrowed);
    IO.enumCase(V, "steals-and-out-new", ArgEffect::StealsAndOutNew);
    IO.enumCase(V, "stores", ArgEffect::Stores);
  }
};
template <> struct ScalarEnumerationTraits<FormatKind> {
  static void enumeration(IO &IO, FormatKind &V) {
    IO.enumCase(V, "build", FormatKind::Build);
    IO.enumCase(V, "parse", FormatKind::Parse);
    IO.enumCase(V, "parse-keywords", FormatKind::ParseKeywords);
  }
};
template <> struct ScalarEnumerationTraits<FailureCause> {
  static void enumeration(IO &IO, FailureCause &V) {
    IO.enumCase(V, "error", FailureCause::Error);
    IO.enumCase(V, "memory", FailureCause::Memory);
  }
};
template <> struct ScalarEnumerationTraits<RuleSource> {
  static void enumeration(IO &IO, RuleSource &V) {
    IO.enumCase(V, "refcounts", RuleSource::Refcounts);
    IO.enumCase(V, "manual", RuleSource::Manual);
    IO.enumCase(V, "user", RuleSource::User);
  }
};

template <> struct ScalarTraits<PyVersion> {
  static void output(const PyVersion &V, void *, raw_ostream &OS) {
    OS << V.str();
  }
  static StringRef input(StringRef Text, void *, PyVersion &V) {
    std::optional<PyVersion> Parsed = PyVersion::parse(Text);
    if (!Parsed)
      return "expected a Python version such as \"3.11\"";
    V = *Parsed;
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::Double; }
};

template <> struct MappingTraits<ArgRule> {
  static void mapping(IO &IO, ArgRule &A) {
    IO.mapRequired("index", A.Index);
    IO.mapOptional("effect", A.Effect, ArgEffect::Borrows);
    IO.mapOptional("nullable", A.Nullable, false);
    IO.mapOptional("derefs", A.Derefs, false);
    IO.mapOptional("out-nullable", A.OutNullable, false);
    IO.mapOptional("false-for-null", A.FalseForNull, false);
    IO.mapOptional("written-if-true", A.WrittenIfTrue, false);
  }
  static std::string validate(IO &, ArgRule &A) {
    bool IsOutput = A.Effect == ArgEffect::OutNew ||
                    A.Effect == ArgEffect::OutBorrowed ||
                    A.Effect == ArgEffect::StealsAndOutNew;
    if (A.OutNullable && !IsOutput)
      return "'out-nullable' is only meaningful for out-parameters";
    if (A.WrittenIfTrue && !IsOutput)
      return "'written-if-true' is only meaningful for out-parameters";
    return {};
  }
};

template <> struct MappingTraits<SlotRule> {
  static void mapping(IO &IO, SlotRule &S) {
    IO.mapRequired("object", S.Object);
    IO.mapRequired("index", S.Index);
    IO.mapRequired("value", S.Value);
  }
};

template <> struct MappingTraits<FormatRule> {
  static void mapping(IO &IO, FormatRule &F) {
    IO.mapRequired("index", F.Index);
    IO.mapRequired("kind", F.Kind);
    IO.mapOptional("first-vararg", F.FirstVararg);
    IO.mapOptional("ssize-t-names", F.SsizeTNames);
  }
};

template <> struct MappingTraits<BoundsRule> {
  static void mapping(IO &IO, BoundsRule &B) {
    IO.mapRequired("object", B.Object);
    IO.mapRequired("index", B.Index);
  }
  static std::string validate(IO &, BoundsRule &B) {
    if (B.Object == B.Index)
      return "'bounds' needs two different arguments";
    return {};
  }
};

template <> struct MappingTraits<CannotFailRule> {
  static void mapping(IO &IO, CannotFailRule &C) {
    IO.mapRequired("index", C.Index);
    IO.mapRequired("min", C.Min);
    IO.mapRequired("max", C.Max);
  }
  static std::string validate(IO &, CannotFailRule &C) {
    if (C.Min > C.Max)
      return "'cannot-fail-with' has min greater than max";
    return {};
  }
};

template <> struct MappingTraits<VarargsRule> {
  static void mapping(IO &IO, VarargsRule &V) {
    IO.mapRequired("first", V.First);
    IO.mapOptional("count", V.Count);
    IO.mapOptional("min", V.Min);
    IO.mapOptional("max", V.Max);
    IO.mapOptional("null-terminated", V.NullTerminated, false);
  }
  static std::string validate(IO &, VarargsRule &V) {
    unsigned Kinds = bool(V.Count) + bool(V.Max) + V.NullTerminated;
    if (Kinds != 1)
      return "'varargs' needs exactly one of 'count', 'max' or "
             "'null-terminated'";
    if (V.Min && !V.Max)
      return "'varargs' 'min' is only meaningful with 'max'";
    for (std::optional<unsigned> Arg : {V.Count, V.Min, V.Max})
      if (Arg && *Arg >= V.First)
        return "'varargs' names an argument that is not before 'first'";
    return {};
  }
};

/// Line:column of the node being read, so that semantic errors found after
/// parsing (duplicates) can still point at the entry.
static std::string currentOrigin(IO &IO) {
  auto *Ctx = static_cast<ParseContext *>(IO.getContext());
  if (!Ctx || IO.outputting())
    return {};
  auto &In = static_cast<Input &>(IO);
  const Node *N = In.getCurrentNode();
  if (!N)
    return Ctx->FileName.str();
  const char *At = N->getSourceRange().Start.getPointer();
  if (At < Ctx->Buffer.begin() || At > Ctx->Buffer.end())
    return Ctx->FileName.str();
  StringRef Before = Ctx->Buffer.take_front(At - Ctx->Buffer.begin());
  size_t Line = Before.count('\n') + 1;
  size_t LastNewline = Before.rfind('\n');
  size_t Column =
      LastNewline == StringRef::npos ? Before.size() + 1 : Before.size() - LastNewline;
  return formatv("{0}:{1}:{2}", Ctx->FileName, Line, Column).str();
}

template <> struct MappingTraits<FunctionRule> {
  static void mapping(IO &IO, FunctionRule &F) {
    F.Origin = currentOrigin(IO);
    auto *Ctx = static_cast<ParseContext *>(IO.getContext());
    IO.mapRequired("name", F.Name);
    IO.mapOptional("aliases", F.Aliases);
    IO.mapRequired("returns", F.Returns);
    IO.mapOptional("alias", F.Alias);
    IO.mapOptional("failure", F.Failure);
    IO.mapOptional("sentinel", F.Sentinel);
    IO.mapOptional("exception", F.Exception);
    IO.mapOptional("args", F.Args);
    IO.mapOptional("since", F.Since);
    IO.mapOptional("until", F.Until);
    IO.mapOptional("noreturn", F.NoReturn, false);
    IO.mapOptional("arity", F.Arity);
    IO.mapOptional("format", F.Format);
    IO.mapOptional("replaced-by", F.ReplacedBy);
    IO.mapOptional("sets-slot", F.SetsSlot);
    IO.mapOptional("size-of", F.SizeOf);
    IO.mapOptional("bounds", F.Bounds);
    IO.mapOptional("cannot-fail-with", F.CannotFail);
    IO.mapOptional("failure-cause", F.Cause, FailureCause::Error);
    IO.mapOptional("varargs", F.Varargs);
    IO.mapOptional("source", F.Source,
                   Ctx ? Ctx->DefaultSource : RuleSource::User);
  }
  static std::string validate(IO &IO, FunctionRule &F) {
    // One error per entry: a missing key already made the rest unreliable.
    if (!IO.outputting() && static_cast<Input &>(IO).error())
      return {};
    if (F.Name.empty())
      return "function name is empty";
    if (F.Returns == ReturnKind::AliasNew && !F.Alias)
      return "'returns: alias-new' needs 'alias: <argument index>'";
    if (F.Returns != ReturnKind::AliasNew && F.Alias)
      return "'alias' is only meaningful with 'returns: alias-new'";
    for (size_t I = 0; I < F.Args.size(); ++I)
      for (size_t J = I + 1; J < F.Args.size(); ++J)
        if (F.Args[I].Index == F.Args[J].Index)
          return formatv("argument {0} is described twice", F.Args[I].Index);
    if (F.Since && F.Until && !(*F.Since < *F.Until))
      return "'since' must be before 'until'";
    if ((F.failure() == FailureKind::Sentinel) != F.Sentinel.has_value())
      return "'failure: sentinel' goes with 'sentinel: <value>'";
    bool CanFail = F.failure() != FailureKind::None;
    if (F.Bounds && !CanFail)
      return "'bounds' is only meaningful for a call that can fail";
    if (F.CannotFail && !CanFail)
      return "'cannot-fail-with' is only meaningful for a call that can fail";
    if (F.Cause == FailureCause::Memory && !CanFail)
      return "'failure-cause' is only meaningful for a call that can fail";
    if (F.SizeOf &&
        (F.Returns != ReturnKind::Value && F.Returns != ReturnKind::Status))
      return "'size-of' is only meaningful for a 'value' result";
    return {};
  }
};

/// `when: {field: slot, values: [63]}` of an entry point.
struct EntryPointCondition {
  std::string Field;
  std::vector<int64_t> Values;
};

template <> struct MappingTraits<EntryPointCondition> {
  static void mapping(IO &IO, EntryPointCondition &C) {
    IO.mapRequired("field", C.Field);
    IO.mapRequired("values", C.Values);
  }
};

template <> struct MappingTraits<EntryPointRule> {
  static void mapping(IO &IO, EntryPointRule &E) {
    IO.mapOptional("record", E.Record);
    IO.mapOptional("fields", E.Fields);
    IO.mapOptional("prefix", E.Prefix);
    std::string Exception = E.ExceptionRequired ? "required" : "optional";
    IO.mapOptional("exception", Exception, std::string("required"));
    std::string Result = E.ResultNew ? "new" : "any";
    IO.mapOptional("result", Result, std::string("new"));
    std::optional<EntryPointCondition> When;
    IO.mapOptional("when", When);
    if (IO.outputting())
      return;
    E.ExceptionRequired = Exception != "optional";
    E.ResultNew = Result != "any";
    if (When) {
      E.WhenField = When->Field;
      E.WhenValues = When->Values;
    }
    if (Exception != "required" && Exception != "optional")
      IO.setError("'exception' is 'required' or 'optional'");
    if (Result != "new" && Result != "any")
      IO.setError("'result' is 'new' or 'any'");
  }
  static std::string validate(IO &, EntryPointRule &E) {
    if (E.Record.empty() == E.Prefix.empty())
      return "an entry point names either a 'record' (with 'fields') or a "
             "'prefix'";
    if (!E.Record.empty() && E.Fields.empty())
      return "an entry point 'record' needs 'fields'";
    if (!E.WhenField.empty() && E.Record.empty())
      return "'when' applies to a 'record' entry point";
    return {};
  }
};

template <> struct MappingTraits<CachedRule> {
  static void mapping(IO &IO, CachedRule &C) {
    IO.mapRequired("type", C.Type);
    IO.mapOptional("min", C.Min);
    IO.mapOptional("max", C.Max);
    IO.mapOptional("max-size", C.MaxSize);
    IO.mapOptional("max-codepoint", C.MaxCodepoint);
    IO.mapOptional("since", C.Since);
  }
};

template <> struct MappingTraits<StaticObjectRule> {
  static void mapping(IO &IO, StaticObjectRule &O) {
    IO.mapRequired("name", O.Name);
    IO.mapOptional("return-macro", O.ReturnMacro);
    IO.mapOptional("immortal-since", O.ImmortalSince);
  }
  static std::string validate(IO &, StaticObjectRule &O) {
    return O.Name.empty() ? "static object name is empty" : "";
  }
};

template <> struct MappingTraits<FormatUnitRule> {
  static void mapping(IO &IO, FormatUnitRule &U) {
    IO.mapRequired("kind", U.Kind);
    IO.mapRequired("unit", U.Unit);
    IO.mapRequired("types", U.Types);
    IO.mapOptional("reference", U.Reference, ArgEffect::Borrows);
    IO.mapOptional("ssize-t-clean", U.SizeTClean, false);
    IO.mapOptional("unclean-types", U.UncleanTypes);
    IO.mapOptional("since", U.Since);
    IO.mapOptional("until", U.Until);
  }
  static std::string validate(IO &, FormatUnitRule &U) {
    if (U.Unit.empty())
      return "format unit is empty";
    if (U.Kind == FormatKind::ParseKeywords)
      return "format units use 'build' or 'parse'";
    if (U.Since && U.Until && !(*U.Since < *U.Until))
      return "'since' must be before 'until'";
    if (!U.UncleanTypes.empty() &&
        (!U.SizeTClean || U.UncleanTypes.size() != U.Types.size()))
      return "'unclean-types' needs 'ssize-t-clean' and one type per "
             "entry of 'types'";
    return {};
  }
};

template <> struct MappingTraits<RulesDocument> {
  static void mapping(IO &IO, RulesDocument &D) {
    IO.mapOptional("functions", D.Functions);
    IO.mapOptional("cached", D.Cached);
    IO.mapOptional("static-objects", D.StaticObjects);
    IO.mapOptional("format-units", D.FormatUnits);
    IO.mapOptional("entry-points", D.EntryPoints);
  }
};
} // namespace llvm::yaml

std::optional<PyVersion> PyVersion::parse(StringRef Text) {
  auto [MajorText, MinorText] = Text.split('.');
  PyVersion V;
  if (MajorText.getAsInteger(10, V.Major) || MinorText.getAsInteger(10, V.Minor))
    return std::nullopt;
  return V;
}

std::string PyVersion::str() const {
  return formatv("{0}.{1}", Major, Minor).str();
}

FailureKind FunctionRule::failure() const {
  if (Failure)
    return *Failure;
  bool ReturnsObject =
      Returns == ReturnKind::New || Returns == ReturnKind::Borrowed;
  return ReturnsObject ? FailureKind::Null : FailureKind::None;
}

ExceptionKind FunctionRule::exception() const {
  if (Exception)
    return *Exception;
  return failure() == FailureKind::None ? ExceptionKind::Never
                                        : ExceptionKind::OnFailure;
}

const ArgRule *FunctionRule::arg(unsigned Index) const {
  auto It = llvm::find_if(Args, [&](const ArgRule &A) { return A.Index == Index; });
  return It == Args.end() ? nullptr : &*It;
}

bool FunctionRule::appliesTo(PyVersion V) const {
  if (Since && V < *Since)
    return false;
  return !Until || V < *Until;
}

bool FormatUnitRule::appliesTo(PyVersion V) const {
  if (Since && V < *Since)
    return false;
  return !Until || V < *Until;
}

const FunctionRule *RuleDatabase::lookup(StringRef Name, PyVersion V,
                                         std::optional<unsigned> Arity,
                                         bool Declared) const {
  auto It = ByName.find(Name);
  if (It == ByName.end())
    return nullptr;
  const FunctionRule *Later = nullptr;
  for (unsigned Index : It->second) {
    const FunctionRule &Rule = Functions[Index];
    if (Arity && Rule.Arity && *Rule.Arity != *Arity)
      continue;
    if (Rule.appliesTo(V))
      return &Rule;
    // The earliest version that has it describes a backport best.
    if (Declared && Rule.Since && V < *Rule.Since &&
        (!Later || *Rule.Since < *Later->Since))
      Later = &Rule;
  }
  return Later;
}

const StaticObjectRule *RuleDatabase::staticObject(StringRef Name) const {
  for (const StaticObjectRule &O : StaticObjects)
    if (O.Name == Name)
      return &O;
  return nullptr;
}

/// Whether two entries cover a common Python version and declaration.
static bool overlaps(const FunctionRule &A, const FunctionRule &B) {
  if (A.Arity && B.Arity && *A.Arity != *B.Arity)
    return false;
  bool AEndsFirst = A.Until && B.Since && !(*B.Since < *A.Until);
  bool BEndsFirst = B.Until && A.Since && !(*A.Since < *B.Until);
  return !AEndsFirst && !BEndsFirst;
}

Error RuleDatabase::addFunction(FunctionRule Rule) {
  SmallVector<StringRef, 2> Names{Rule.Name};
  for (const std::string &Alias : Rule.Aliases)
    Names.push_back(Alias);
  for (StringRef Name : Names) {
    auto It = ByName.find(Name);
    if (It == ByName.end())
      continue;
    for (unsigned Index : It->second) {
      FunctionRule &Old = Functions[Index];
      if (!overlaps(Old, Rule))
        continue;
      // The curated overlay corrects the generated baseline, and a user's
      // file corrects both; anything else is a mistake in the data.
      if (Rule.Source > Old.Source) {
        Old = std::move(Rule);
        reindex();
        return Error::success();
      }
      if (Rule.Source < Old.Source)
        return Error::success();
      return createStringError(
          inconvertibleErrorCode(), "%s: error: duplicate rule for '%s' (first defined at %s)",
          Rule.Origin.c_str(), Name.str().c_str(), Old.Origin.c_str());
    }
  }
  Functions.push_back(std::move(Rule));
  unsigned Index = Functions.size() - 1;
  ByName[Functions.back().Name].push_back(Index);
  for (const std::string &Alias : Functions.back().Aliases)
    ByName[Alias].push_back(Index);
  return Error::success();
}

void RuleDatabase::reindex() {
  ByName.clear();
  for (unsigned I = 0; I < Functions.size(); ++I) {
    ByName[Functions[I].Name].push_back(I);
    for (const std::string &Alias : Functions[I].Aliases)
      ByName[Alias].push_back(I);
  }
}

Error RuleDatabase::addFile(StringRef Buffer, StringRef FileName,
                            RuleSource DefaultSource) {
  std::string Diagnostics;
  raw_string_ostream DiagOS(Diagnostics);
  auto Handler = [](const SMDiagnostic &D, void *Ctx) {
    D.print(/*ProgName=*/nullptr, *static_cast<raw_string_ostream *>(Ctx),
            /*ShowColors=*/false);
  };
  ParseContext Ctx{Buffer, FileName, DefaultSource};
  RulesDocument Doc;
  yaml::Input In(MemoryBufferRef(Buffer, FileName), &Ctx, Handler, &DiagOS);
  In >> Doc;
  if (In.error()) {
    DiagOS.flush();
    StringRef Text = StringRef(Diagnostics).trim();
    return createStringError(In.error(), "%s",
                             Text.empty() ? (FileName + ": error: malformed rules file").str().c_str()
                                          : Text.str().c_str());
  }
  for (FunctionRule &Rule : Doc.Functions)
    if (Error E = addFunction(std::move(Rule)))
      return E;
  llvm::append_range(Cached, Doc.Cached);
  llvm::append_range(StaticObjects, Doc.StaticObjects);
  llvm::append_range(FormatUnits, Doc.FormatUnits);
  llvm::append_range(EntryPoints, Doc.EntryPoints);
  return Error::success();
}

static Error addPath(RuleDatabase &DB, StringRef Path, RuleSource Source) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer)
    return createStringError(Buffer.getError(), "%s: error: cannot read rules file: %s",
                             Path.str().c_str(),
                             Buffer.getError().message().c_str());
  return DB.addFile((*Buffer)->getBuffer(), Path, Source);
}

Expected<RuleDatabase> pyrefleak::rules::loadRules(StringRef Dir,
                                                   ArrayRef<std::string> UserFiles) {
  RuleDatabase DB;
  std::vector<std::string> Files;
  std::error_code EC;
  for (sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (sys::path::extension(It->path()) == ".yaml")
      Files.push_back(It->path());
  if (EC)
    return createStringError(EC, "%s: error: cannot read rules directory: %s",
                             Dir.str().c_str(), EC.message().c_str());
  if (Files.empty())
    return createStringError(inconvertibleErrorCode(),
                             "%s: error: no rules files (*.yaml) found",
                             Dir.str().c_str());
  llvm::sort(Files);
  for (const std::string &File : Files)
    if (Error E = addPath(DB, File, RuleSource::Refcounts))
      return std::move(E);
  for (const std::string &File : UserFiles)
    if (Error E = addPath(DB, File, RuleSource::User))
      return std::move(E);
  return std::move(DB);
}

std::string pyrefleak::rules::writeRules(ArrayRef<FunctionRule> Functions) {
  RulesDocument Doc;
  Doc.Functions.assign(Functions.begin(), Functions.end());
  std::string Text;
  raw_string_ostream OS(Text);
  yaml::Output Out(OS);
  Out << Doc;
  return Text;
}
