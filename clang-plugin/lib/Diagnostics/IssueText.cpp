//===- IssueText.cpp - The words of every diagnostic ----------------------===//
//
/// \file
/// Messages start lower-case, have no final period, and name the variable
/// and the API. One switch per question, each covering every kind.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Diagnostics/IssueText.h"
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
    return formatv("owned reference {0}{1} is never released", valueName(I),
                   fromCreator(I));
  case IssueKind::LeakOverwritten:
    return formatv("owned reference {0}{1} is lost when {0} is assigned again",
                   valueName(I), fromCreator(I));
  case IssueKind::StealOfBorrowedArgument:
    return formatv("{0} steals {1}, but the reference{2} is borrowed",
                   quoted(I.API), argumentName(I), fromCreator(I));
  case IssueKind::ReleaseOfBorrowed:
    return formatv("releasing borrowed reference {0}{1}", valueName(I),
                   fromCreator(I));
  case IssueKind::ReleaseOfReleased:
    return formatv("releasing {0}, which is no longer owned here",
                   valueName(I));
  case IssueKind::ReturnOfBorrowed:
    return formatv("returning borrowed reference {0}{1} to Python, which will "
                   "release it",
                   valueName(I), fromCreator(I));
  case IssueKind::UseAfterRelease:
    return formatv("{0} is used after its last owned reference was released",
                   valueName(I));
  case IssueKind::NullDereference:
    return formatv("{0}{1} may be NULL and is dereferenced{2}", valueName(I),
                   fromCreator(I),
                   I.API.empty() ? std::string() : " by " + quoted(I.API));
  case IssueKind::ReturnWithoutException:
    return formatv("{0} returns {1} to Python without setting an exception",
                   quoted(I.API), I.Detail.empty() ? "NULL" : I.Detail);
  case IssueKind::FormatArgumentCount:
  case IssueKind::FormatArgumentType:
  case IssueKind::FormatInvalid:
    return formatv("format string of {0}: {1}", quoted(I.API), I.Detail);
  }
  llvm_unreachable("unhandled IssueKind");
}

std::string diag::stepText(const Issue &I, const TrailStep &Step) {
  std::string Value =
      Step.Value.empty() ? std::string("the reference") : quoted(Step.Value);
  switch (Step.StepKind) {
  case TrailStep::Kind::Created:
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
  case TrailStep::Kind::Fix:
    return fixText(I);
  }
  llvm_unreachable("unhandled TrailStep kind");
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
    return "return a new reference with Py_NewRef(...)";
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
    return {};
  }
  llvm_unreachable("unhandled IssueKind");
}

std::string diag::checkTag(CheckKind C) {
  return ("[pyrefleak-" + checkName(C) + "]").str();
}
