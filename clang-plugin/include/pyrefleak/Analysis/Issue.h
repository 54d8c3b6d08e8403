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
    Fix,           ///< How to fix it (no location of its own)
  };
  Kind StepKind;
  clang::SourceLocation Loc;
  std::string Value; ///< Variable or expression the step is about.
  std::string API;   ///< Function involved, if any.
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
};

/// Where analyses put what they find.
using IssueSink = std::function<void(Issue)>;

} // namespace pyrefleak

#endif // PYREFLEAK_ANALYSIS_ISSUE_H
