//===- PathAnalysis.h - Path-sensitive ownership analysis ------*- C++ -*-===//
//
/// \file
/// Follows the paths of one function over Clang's CFG, tracking what each
/// reference is (owned, borrowed, stolen, released, maybe NULL) and whether
/// an exception is set, and reports leaks, over-releases, uses after
/// release, unchecked NULLs and missing exceptions. The same exploration,
/// run with hypothetical ownership of the parameters, infers the summary of
/// a helper function (SummaryInference.h).
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_PATHANALYSIS_H
#define PYREFLEAK_ANALYSIS_PATHANALYSIS_H

#include "pyrefleak/Analysis/DefiniteChecks.h"
#include "pyrefleak/Analysis/Issue.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang {
class ASTContext;
class FieldDecl;
class FunctionDecl;
} // namespace clang

namespace pyrefleak::analysis {
struct AnalysisOptions;

/// How a function is called, which decides what its returns must be.
struct FunctionRole {
  /// CPython calls it (a method table, a type slot, PyInit_*): its object
  /// parameters are borrowed.
  bool PythonFacing = false;
  /// Its error value (NULL, or -1 from an integer result) must come with
  /// an exception set.
  bool ExceptionOnError = false;
  /// Its result must be a new reference (Python-facing and returning an
  /// object, or annotated pyrefleak::returns-new).
  bool ReturnsNew = false;
  /// Object fields the translation unit releases somewhere (a tp_dealloc's
  /// Py_CLEAR(self->x)): they own their references, so what a
  /// Python-facing function reads there through a parameter is owned by
  /// the field, and lost when the field is assigned again once the path
  /// knows it was not NULL.
  const llvm::DenseSet<const clang::FieldDecl *> *OwningFields = nullptr;
};

/// Reports the path-sensitive issues of \p FD. References the definite
/// checks already reported (\p Reported) are not reported again. Returns
/// false, having reported nothing, when the CFG cannot be built or the
/// exploration needs more than Options.PathBudget states.
bool checkPaths(const clang::FunctionDecl &FD, const FunctionRole &Role,
                const SummaryManager &SM, clang::ASTContext &Ctx,
                const AnalysisOptions &Options, const ReportedCalls &Reported,
                const IssueSink &Sink);

/// What \p FD does on every path, as a summary: the kind of reference it
/// returns, how it fails, whether it sets an exception then, and which
/// parameters it steals. std::nullopt when a parameter is stored away, the
/// paths disagree in a way a summary cannot state, or the budget runs out.
/// The object fields that the functions of the translation unit release
/// (directly, or through Py_CLEAR's and Py_SETREF's temporaries).
llvm::DenseSet<const clang::FieldDecl *>
findOwningFields(clang::ASTContext &Ctx, const SummaryManager &SM);

std::optional<Summary> inferSummary(const clang::FunctionDecl &FD,
                                    const SummaryManager &SM,
                                    clang::ASTContext &Ctx,
                                    const AnalysisOptions &Options);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_PATHANALYSIS_H
