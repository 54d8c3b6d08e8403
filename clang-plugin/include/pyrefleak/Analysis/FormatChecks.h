//===- FormatChecks.h - Format strings against their arguments -*- C++ -*-===//
//
/// \file
/// The pyrefleak-format check: for every call whose summary has a `format`
/// rule and whose format argument is a string literal, compares the units
/// of the format (rules/cpython/format-units.yaml) with the variadic
/// arguments of the call: their number, their types, the keyword list of
/// parse-keywords formats, and whether '#' lengths are Py_ssize_t.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_FORMATCHECKS_H
#define PYREFLEAK_ANALYSIS_FORMATCHECKS_H

#include "pyrefleak/Analysis/Issue.h"

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace pyrefleak::analysis {
class SummaryManager;

/// Reports the format-string issues of the calls in the body of \p FD.
void findFormatIssues(const clang::FunctionDecl &FD, const SummaryManager &SM,
                      clang::ASTContext &Ctx, const IssueSink &Sink);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_FORMATCHECKS_H
