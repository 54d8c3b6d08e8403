//===- Issue.h - A problem found by the analysis, as data -------*- C++ -*-===//
//
/// \file
/// Issues carry names and locations, never message text: lib/Diagnostics
/// turns them into words, the same for the plugin and clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_ISSUE_H
#define PYREFLEAK_ANALYSIS_ISSUE_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <optional>
#include <string>

namespace pyrefleak {

enum class CheckKind {
#define PYREFLEAK_CHECK(Enum, Name, Summary) Enum,
#include "pyrefleak/IssueKinds.def"
};

enum class IssueKind {
#define PYREFLEAK_ISSUE(Enum, Check) Enum,
#include "pyrefleak/IssueKinds.def"
};

/// The check that reports issues of kind \p K.
CheckKind checkOf(IssueKind K);
/// "leak" for CheckKind::Leak.
llvm::StringRef checkName(CheckKind C);
/// The check named \p Name ("leak" or "pyrefleak-leak"), if any.
std::optional<CheckKind> checkNamed(llvm::StringRef Name);
constexpr unsigned NumChecks = 0
#define PYREFLEAK_CHECK(Enum, Name, Summary) +1
#include "pyrefleak/IssueKinds.def"
    ;

/// One step of the path that leads to an issue; becomes one note.
struct TrailStep {
  enum class Kind {
    Created,       ///< Value was created by API
    Borrowed,      ///< Value was borrowed from API
    Acquired,      ///< Value got a new reference (Py_INCREF, Py_NewRef)
    Released,      ///< Value was released by API
    Stolen,        ///< Value was stolen by API
    BranchTrue,    ///< The condition at Loc was taken as true
    BranchFalse,   ///< The condition at Loc was taken as false
    LoopEntered,   ///< The loop at Loc was entered
    LoopSkipped,   ///< The loop at Loc was not entered
    StolenOnSuccessFailed, ///< API failed, so it did not take Value
    ContainerReleased, ///< Value (a container) was released by API, and
                       ///< with it the reference the issue is about
    Fix,           ///< How to fix it (no location of its own)
  };
  Kind StepKind;
  clang::SourceLocation Loc;
  std::string Value; ///< Variable or expression the step is about.
  std::string API;   ///< Function involved, if any.
};

/// Why a format string cannot work (IssueKind::FormatInvalid).
enum class FormatDefect {
  UnknownUnit,           ///< A character that starts no unit.
  UnbalancedGroup,       ///< An unmatched bracket.
  MarkerInGroup,         ///< '|' or '$' inside parentheses.
  RepeatedMarker,        ///< '|' or '$' given twice.
  MarkerOrder,           ///< '|' after '$'.
  MarkerWithoutKeywords, ///< '$' in a format that takes no keyword list.
  OddDictItems,          ///< A '{...}' group with an odd number of items.
};

/// What a pyrefleak-format issue is about.
struct FormatFacts {
  std::string Text;         ///< The format string.
  std::string Unit;         ///< The unit or character at fault.
  unsigned Needed = 0;      ///< Arguments (keyword names) the format needs.
  unsigned Given = 0;       ///< Arguments (keyword names) the call gives.
  std::string ExpectedType; ///< The unit's type as the rules spell it.
  std::string GivenType;    ///< The argument's type as written.
  FormatDefect Defect = FormatDefect::UnknownUnit;
};

struct Issue {
  IssueKind Kind;
  clang::SourceLocation Loc;
  clang::SourceRange Range;
  std::string Value;   ///< The variable or expression ("list", "item").
  std::string API;     ///< The function the issue is about ("PyDict_SetItem").
  std::string Creator; ///< The function that produced Value.
  std::optional<unsigned> ArgIndex; ///< 0-based argument of API.
  std::string Detail;  ///< Kind-specific words from the analysis (format unit,
                       ///< expected type, ...), inserted verbatim.
  llvm::SmallVector<TrailStep, 4> Trail;
  llvm::SmallVector<clang::FixItHint, 1> FixIts;
  std::optional<FormatFacts> Format; ///< Set for the pyrefleak-format kinds.
  /// A possible NULL that only running out of memory produces (the
  /// creator's rule says `failure-cause: memory`).
  bool MemoryOnly = false;
};

/// Where analyses put what they find.
using IssueSink = std::function<void(Issue)>;

/// A mistake in the user's own pyrefleak input found while reading the
/// code (a malformed annotation): not a finding about the program, so it
/// belongs to no check and is always an error.
struct ConfigError {
  enum class Kind {
    UnknownAnnotation,   ///< "pyrefleak::<Detail>" is not an annotation.
    MissingArgument,     ///< The annotation needs an argument index.
    UnexpectedArgument,  ///< The annotation takes no arguments.
    BadArgumentIndex,    ///< Detail: the index given, not a parameter.
    NotObjectParameter,  ///< Detail: the index of a non-object parameter.
    NotObjectReturn,     ///< A returns-* annotation on a non-object result.
    ConflictingReturns,  ///< Both returns-new and returns-borrowed.
  };
  Kind ErrorKind;
  clang::SourceLocation Loc;
  std::string Annotation; ///< The annotation as written ("pyrefleak::x").
  std::string Function;   ///< The annotated function.
  std::string Detail;
};

/// Where analyses put the input errors they find.
using ConfigErrorSink = std::function<void(ConfigError)>;

} // namespace pyrefleak

#endif // PYREFLEAK_ANALYSIS_ISSUE_H
