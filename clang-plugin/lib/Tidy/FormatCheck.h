//===- FormatCheck.h - pyrefleak-format -------------------------*- C++ -*-===//
//
/// \file
/// pyrefleak-format: a format string disagrees with its arguments.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_TIDY_FORMATCHECK_H
#define PYREFLEAK_TIDY_FORMATCHECK_H

#include "PyRefLeakCheck.h"

namespace pyrefleak::tidy {

/// A format string disagrees with its arguments.
/// Docs: docs/checks/pyrefleak-format.md
class FormatCheck : public PyRefLeakCheck {
public:
  FormatCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
};

} // namespace pyrefleak::tidy

#endif // PYREFLEAK_TIDY_FORMATCHECK_H
