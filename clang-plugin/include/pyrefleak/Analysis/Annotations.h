//===- Annotations.h - Summaries the user writes down ----------*- C++ -*-===//
//
/// \file
/// Reads the pyrefleak::* annotations of pyrefleak/annotations.h on the
/// functions of a translation unit into summaries. They take precedence
/// over the rules and over inference.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_ANNOTATIONS_H
#define PYREFLEAK_ANALYSIS_ANNOTATIONS_H

#include "pyrefleak/Analysis/Issue.h"

namespace clang {
class ASTContext;
} // namespace clang

namespace pyrefleak::analysis {
class SummaryManager;

/// Defines in \p SM the summary of every annotated function of the
/// translation unit. A malformed annotation goes to \p Errors and is
/// ignored.
void applyAnnotations(clang::ASTContext &Ctx, SummaryManager &SM,
                      const ConfigErrorSink &Errors);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_ANNOTATIONS_H
