//===- IssueText.h - The words of every diagnostic --------------*- C++ -*-===//
//
/// \file
/// All user-visible text about issues lives in IssueText.cpp, so the plugin
/// and the clang-tidy checks say the same thing.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_DIAGNOSTICS_ISSUETEXT_H
#define PYREFLEAK_DIAGNOSTICS_ISSUETEXT_H

#include "pyrefleak/Analysis/Issue.h"
#include <string>

namespace pyrefleak::diag {

/// The warning line, without the check ID.
std::string headline(const Issue &I);
/// The note for one step of the issue's trail.
std::string stepText(const Issue &I, const TrailStep &Step);
/// A closing note on how to fix the issue, or "" when there is none.
std::string fixText(const Issue &I);
/// The error line for a mistake in the user's annotations.
std::string errorText(const ConfigError &E);
/// "[pyrefleak-leak]"-style suffix.
std::string checkTag(CheckKind C);

} // namespace pyrefleak::diag

#endif // PYREFLEAK_DIAGNOSTICS_ISSUETEXT_H
