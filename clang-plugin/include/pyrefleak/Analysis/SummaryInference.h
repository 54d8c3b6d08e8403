//===- SummaryInference.h - Summaries of the file's own functions -*- C++
//-*-===//
//
/// \file
/// Learns what the functions of the translation unit do to references (a
/// static helper returning a new reference, stealing a parameter, failing
/// with an exception) from their bodies, callees first, so that callers are
/// checked against the helper as they are against the CPython API.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_SUMMARYINFERENCE_H
#define PYREFLEAK_ANALYSIS_SUMMARYINFERENCE_H

#include "llvm/ADT/ArrayRef.h"

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace pyrefleak::analysis {
class SummaryManager;
struct AnalysisOptions;

/// Infers a summary for every function with a body that \p Roots call,
/// directly or not, and that has none yet (no rule, no annotation), and
/// defines it in \p SM. Callees are done before their callers; functions
/// on a call cycle are left unknown.
void inferCalleeSummaries(clang::ASTContext &Ctx, SummaryManager &SM,
                          const AnalysisOptions &Options,
                          llvm::ArrayRef<const clang::FunctionDecl *> Roots);

/// As inferCalleeSummaries, and for each of \p Functions itself too (the
/// functions a project exports to its other files).
void inferSummaries(clang::ASTContext &Ctx, SummaryManager &SM,
                    const AnalysisOptions &Options,
                    llvm::ArrayRef<const clang::FunctionDecl *> Functions);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_SUMMARYINFERENCE_H
