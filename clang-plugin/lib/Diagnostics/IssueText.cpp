//===- IssueText.cpp - The words of every diagnostic ----------------------===//
//
/// \file
/// Messages start lower-case, have no final period, and name the variable
/// and the API. One switch per question, each covering every kind.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Diagnostics/IssueText.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace pyrefleak;

static std::string quoted(StringRef S) { return ("'" + S + "'").str(); }

/// "argument 2" for index 1: people count from one.
static std::string argumentName(const Issue &I) {
  return I.ArgIndex ? formatv("argument {0}", *I.ArgIndex + 1).str()
                    : std::string("an argument");
}

/// "'list'" or "the new reference" when the value has no name.
static std::string valueName(const Issue &I) {
  return I.Value.empty() ? std::string("the reference") : quoted(I.Value);
}

/// " from 'PyLong_FromLong'" when the creator is known.
static std::string fromCreator(const Issue &I) {
  return I.Creator.empty() ? std::string() : " from " + quoted(I.Creator);
}

/// The format string of a pyrefleak-format issue, as C spells it.
static std::string formatString(const Issue &I) {
  std::string Text;
  raw_string_ostream OS(Text);
  OS << '"';
  StringRef Format = I.Format ? StringRef(I.Format->Text) : StringRef();
  for (char C : Format) {
    if (C == '"' || C == '\\')
      OS << '\\' << C;
    else if (C == '\n')
      OS << "\\n";
    else if (C == '\t')
      OS << "\\t";
    else if (isPrint(C))
      OS << C;
    else
      OS << "\\x" << hexdigit((C >> 4) & 0xF, /*LowerCase=*/true)
         << hexdigit(C & 0xF, /*LowerCase=*/true);
  }
  OS << '"';
  return Text;
}

/// "1 argument", "2 arguments".
static std::string counted(unsigned N, StringRef Noun) {
  return formatv("{0} {1}{2}", N, Noun, N == 1 ? "" : "s").str();
}

/// "'Py_BuildValue' format \"(ii)\"": how format issues begin.
static std::string formatOf(const Issue &I) {
  return quoted(I.API) + " format " + formatString(I);
}

/// The facts every pyrefleak-format issue carries.
static const FormatFacts &facts(const Issue &I) {
  assert(I.Format && "format issues carry FormatFacts");
  return *I.Format;
}

/// The headline of IssueKind::FormatInvalid, by defect.
static std::string invalidFormatHeadline(const Issue &I) {
  const FormatFacts &F = facts(I);
  switch (F.Defect) {
  case FormatDefect::UnknownUnit:
    return formatv("{0} contains {1}, which starts no format unit", formatOf(I),
                   quoted(F.Unit));
  case FormatDefect::UnbalancedGroup:
    return formatv("{0} has an unmatched {1}", formatOf(I), quoted(F.Unit));
  case FormatDefect::MarkerInGroup:
    return formatv("{0} has {1} inside parentheses", formatOf(I),
                   quoted(F.Unit));
  case FormatDefect::RepeatedMarker:
    return formatv("{0} has {1} more than once", formatOf(I), quoted(F.Unit));
  case FormatDefect::MarkerOrder:
    return formatv("{0} has '|' after '$'", formatOf(I));
  case FormatDefect::MarkerWithoutKeywords:
    return formatv("{0} has '$', but {1} takes no keyword list", formatOf(I),
                   quoted(I.API));
  case FormatDefect::OddDictItems:
    return formatv("{0} builds a dict from an odd number of items",
                   formatOf(I));
  }
  llvm_unreachable("unhandled FormatDefect");
}

std::string diag::headline(const Issue &I) {
  switch (I.Kind) {
  case IssueKind::LeakInlineArgument:
    return formatv("{0} does not steal {1}; the new reference{2} is never "
                   "released",
                   quoted(I.API), argumentName(I), fromCreator(I));
  case IssueKind::LeakDiscardedResult:
    return formatv("the new reference returned by {0} is discarded and never "
                   "released",
                   quoted(I.API));
  case IssueKind::LeakOnPath:
    if (I.Value.empty())
      return formatv("the owned reference{0} is never released",
                     fromCreator(I));
    return formatv("owned reference {0}{1} is never released", valueName(I),
                   fromCreator(I));
  case IssueKind::LeakOverwritten:
    return formatv("owned reference {0}{1} is lost when {0} is assigned again",
                   valueName(I), fromCreator(I));
  case IssueKind::LeakIgnoredStatus:
    return formatv("{0} steals {1} only when it succeeds, and its result is "
                   "ignored: when it fails, {1}{2} is never released",
                   quoted(I.API), valueName(I), fromCreator(I));
  case IssueKind::StealOfBorrowedArgument:
    return formatv("{0} steals {1}, but the reference{2} is borrowed",
                   quoted(I.API), argumentName(I), fromCreator(I));
  case IssueKind::ReleaseOfBorrowed:
    if (I.ArgIndex) // Stolen, not released by name.
      return formatv("{0} steals {1}, but {2}{3} is borrowed", quoted(I.API),
                     argumentName(I), valueName(I), fromCreator(I));
    if (I.Value.empty())
      return formatv("releasing a borrowed reference{0}", fromCreator(I));
    return formatv("releasing borrowed reference {0}{1}", valueName(I),
                   fromCreator(I));
  case IssueKind::ReleaseOfReleased:
    if (I.ArgIndex)
      return formatv("{0} steals {1}, but {2} is no longer owned here",
                     quoted(I.API), argumentName(I), valueName(I));
    return formatv("releasing {0}, which is no longer owned here",
                   valueName(I));
  case IssueKind::ReturnOfBorrowed:
    if (I.Value.empty())
      return formatv("returning a borrowed reference{0} to Python, which will "
                     "release it",
                     fromCreator(I));
    return formatv("returning borrowed reference {0}{1} to Python, which will "
                   "release it",
                   valueName(I), fromCreator(I));
  case IssueKind::ReturnOfImmortal:
    return formatv("returning borrowed reference {0} to Python works only "
                   "because it is immortal on Python {1} and later; earlier "
                   "versions and older limited APIs release it one time too "
                   "many",
                   valueName(I), I.Detail);
  case IssueKind::UseAfterRelease:
    return formatv("{0} is used after its last owned reference was released",
                   valueName(I));
  case IssueKind::NullDereference:
    // Detail "NULL": tested and found NULL on this path.
    return formatv("{0}{1} {2} and is dereferenced{3}", valueName(I),
                   fromCreator(I),
                   I.Detail == "NULL" ? "is NULL here" : "may be NULL",
                   I.API.empty() ? std::string() : " by " + quoted(I.API));
  case IssueKind::ReturnWithoutException:
    return formatv("{0} returns {1} to Python without setting an exception",
                   quoted(I.API), I.Detail.empty() ? "NULL" : I.Detail);
  case IssueKind::FormatArgumentCount:
    return formatv("{0} needs {1} but {2} {3} given", formatOf(I),
                   counted(facts(I).Needed, "argument"), facts(I).Given,
                   facts(I).Given == 1 ? "is" : "are");
  case IssueKind::FormatArgumentType:
    return formatv("format unit {0} of {1} expects {2} for {3}, but {4} is "
                   "given",
                   quoted(facts(I).Unit), quoted(I.API),
                   quoted(facts(I).ExpectedType), argumentName(I),
                   quoted(facts(I).GivenType));
  case IssueKind::FormatInvalid:
    return invalidFormatHeadline(I);
  case IssueKind::FormatKeywordCount:
    return formatv("{0} has {1} but {2} has {3}", formatOf(I),
                   counted(facts(I).Needed, "argument unit"),
                   I.Value.empty() ? std::string("the keyword list")
                                   : "keyword list " + quoted(I.Value),
                   counted(facts(I).Given, "name"));
  case IssueKind::VarargsCount:
    if (I.Detail == "max")
      return formatv("{0} unpacks up to {1} but {2} {3} given", quoted(I.API),
                     counted(facts(I).Needed, "item"),
                     counted(facts(I).Given, "output pointer"),
                     facts(I).Given == 1 ? "is" : "are");
    return formatv("{0} is told {1} {2} but {3} {4} given", quoted(I.API),
                   counted(facts(I).Needed, "argument"),
                   facts(I).Needed == 1 ? "follows" : "follow", facts(I).Given,
                   facts(I).Given == 1 ? "is" : "are");
  case IssueKind::VarargsMissingSentinel:
    return formatv("the arguments of {0} must end with NULL", quoted(I.API));
  case IssueKind::FormatNeedsSsizeTClean:
    return formatv("format unit {0} of {1} needs PY_SSIZE_T_CLEAN defined "
                   "before Python.h is included; without it the call fails "
                   "with SystemError",
                   quoted(facts(I).Unit), quoted(I.API));
  }
  llvm_unreachable("unhandled IssueKind");
}

std::string diag::stepText(const Issue &I, const TrailStep &Step) {
  std::string Value =
      Step.Value.empty() ? std::string("the reference") : quoted(Step.Value);
  switch (Step.StepKind) {
  case TrailStep::Kind::Created:
    if (Step.Value.empty())
      return formatv("new reference created by {0} here", quoted(Step.API));
    return formatv("new reference {0} created by {1} here", Value,
                   quoted(Step.API));
  case TrailStep::Kind::Borrowed:
    return formatv("{0} is borrowed from {1} here", Value, quoted(Step.API));
  case TrailStep::Kind::Acquired:
    return formatv("{0} gets a new reference here", Value);
  case TrailStep::Kind::Released:
    return formatv("{0} released by {1} here", Value, quoted(Step.API));
  case TrailStep::Kind::Stolen:
    return formatv("{0} stolen by {1} here", Value, quoted(Step.API));
  case TrailStep::Kind::BranchTrue:
    return "taking the true branch";
  case TrailStep::Kind::BranchFalse:
    return "taking the false branch";
  case TrailStep::Kind::LoopEntered:
    return "entering the loop body";
  case TrailStep::Kind::LoopSkipped:
    return "leaving the loop";
  case TrailStep::Kind::StolenOnSuccessFailed:
    return formatv("{0} fails here and does not take {1}", quoted(Step.API),
                   Value);
  case TrailStep::Kind::ContainerReleased:
    return formatv("{0} released by {1} here, and with it the reference it "
                   "took",
                   Step.Value.empty() ? std::string("the container") : Value,
                   quoted(Step.API));
  case TrailStep::Kind::Fix:
    return fixText(I);
  }
  llvm_unreachable("unhandled TrailStep kind");
}

std::string diag::errorText(const ConfigError &E) {
  switch (E.ErrorKind) {
  case ConfigError::Kind::UnknownAnnotation:
    return formatv("unknown pyrefleak annotation {0} on {1} (known: "
                   "returns-new, returns-borrowed, steals-argument(N), "
                   "sets-exception)",
                   quoted(E.Annotation), quoted(E.Function));
  case ConfigError::Kind::MissingArgument:
    return formatv("{0} on {1} needs the number of the parameter it "
                   "steals, counting from 1",
                   quoted(E.Annotation), quoted(E.Function));
  case ConfigError::Kind::UnexpectedArgument:
    return formatv("{0} on {1} takes {2}", quoted(E.Annotation),
                   quoted(E.Function),
                   StringRef(E.Annotation).ends_with("steals-argument")
                       ? "exactly one argument"
                       : "no arguments");
  case ConfigError::Kind::BadArgumentIndex:
    return formatv("{0} on {1} names parameter {2}, which does not exist "
                   "(parameters count from 1)",
                   quoted(E.Annotation), quoted(E.Function), E.Detail);
  case ConfigError::Kind::NotObjectParameter:
    return formatv("{0} on {1} names parameter {2}, which is not an object "
                   "pointer",
                   quoted(E.Annotation), quoted(E.Function), E.Detail);
  case ConfigError::Kind::NotObjectReturn:
    return formatv("{0} on {1}, which does not return an object pointer",
                   quoted(E.Annotation), quoted(E.Function));
  case ConfigError::Kind::ConflictingReturns:
    return formatv("{0} is annotated both returns-new and returns-borrowed",
                   quoted(E.Function));
  }
  llvm_unreachable("unhandled ConfigError kind");
}

std::string diag::fixText(const Issue &I) {
  switch (I.Kind) {
  case IssueKind::LeakInlineArgument:
    if (!I.FixIts.empty())
      return formatv("use a format unit that steals the reference to pass "
                     "ownership to {0}",
                     quoted(I.API));
    return formatv("store the result of {0} in a variable and release it with "
                   "Py_DECREF after the call",
                   quoted(I.Creator));
  case IssueKind::LeakDiscardedResult:
    return "release the result with Py_XDECREF, or check it for NULL and "
           "release it with Py_DECREF";
  case IssueKind::StealOfBorrowedArgument:
    return formatv("pass Py_NewRef(...) to give {0} a reference of its own",
                   quoted(I.API));
  case IssueKind::ReturnOfBorrowed:
  case IssueKind::ReturnOfImmortal:
    if (!I.FixIts.empty())
      return formatv("use {0}, which returns a new reference on every version",
                     I.FixIts.front().CodeToInsert);
    return "return a new reference with Py_NewRef(...)";
  case IssueKind::FormatNeedsSsizeTClean:
    return "add '#define PY_SSIZE_T_CLEAN' before '#include <Python.h>'";
  case IssueKind::LeakIgnoredStatus:
    if (!I.FixIts.empty())
      return formatv("use {0}, which steals the reference even when it fails",
                     quoted(I.FixIts.front().CodeToInsert));
    if (!I.Detail.empty())
      return formatv("test the result and release {0} when it fails, or use "
                     "{1} and release {0} after the call",
                     valueName(I), quoted(I.Detail));
    return formatv("test the result and release {0} when it fails",
                   valueName(I));
  case IssueKind::VarargsMissingSentinel:
    return "add NULL as the last argument";
  case IssueKind::LeakOnPath:
  case IssueKind::LeakOverwritten:
  case IssueKind::ReleaseOfBorrowed:
  case IssueKind::ReleaseOfReleased:
  case IssueKind::UseAfterRelease:
  case IssueKind::NullDereference:
  case IssueKind::ReturnWithoutException:
  case IssueKind::FormatArgumentCount:
  case IssueKind::FormatArgumentType:
  case IssueKind::FormatInvalid:
  case IssueKind::FormatKeywordCount:
  case IssueKind::VarargsCount:
    return {};
  }
  llvm_unreachable("unhandled IssueKind");
}

std::string diag::checkTag(CheckKind C) {
  return ("[pyrefleak-" + checkName(C) + "]").str();
}
