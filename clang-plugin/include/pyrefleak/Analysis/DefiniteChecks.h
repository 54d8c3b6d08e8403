//===- DefiniteChecks.h - Ownership errors visible in one call -*- C++ -*-===//
//
/// \file
/// Problems that need no path: a new reference created inline as the
/// argument of a parameter that does not steal it, a borrowed one passed
/// inline to a parameter that does, and a new reference thrown away.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_DEFINITECHECKS_H
#define PYREFLEAK_ANALYSIS_DEFINITECHECKS_H

#include "pyrefleak/Analysis/Issue.h"
#include "pyrefleak/Rules/RuleDatabase.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace pyrefleak::analysis {
class SummaryManager;

/// What a call does with argument \p Index, including variadic arguments
/// whose meaning a format string gives; std::nullopt when unknown.
std::optional<rules::ArgEffect> argumentEffect(const clang::CallExpr *Call,
                                               unsigned Index,
                                               const SummaryManager &SM,
                                               clang::ASTContext &Ctx);

/// Calls whose result the definite checks reported, so that the
/// path-sensitive analysis does not report the same reference again.
using ReportedCalls = llvm::SmallPtrSet<const clang::CallExpr *, 8>;

/// Reports the definite issues in the body of \p FD and returns the calls
/// whose new reference they reported.
ReportedCalls findDefiniteIssues(const clang::FunctionDecl &FD,
                                 const SummaryManager &SM,
                                 clang::ASTContext &Ctx, const IssueSink &Sink);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_DEFINITECHECKS_H
