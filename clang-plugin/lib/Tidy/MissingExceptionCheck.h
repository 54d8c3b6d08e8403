//===- MissingExceptionCheck.h - pyrefleak-missing-exception ----*- C++ -*-===//
//
/// \file
/// pyrefleak-missing-exception: a failure is returned to Python without an
/// exception set.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_TIDY_MISSINGEXCEPTIONCHECK_H
#define PYREFLEAK_TIDY_MISSINGEXCEPTIONCHECK_H

#include "PyRefLeakCheck.h"

namespace pyrefleak::tidy {

/// A failure is returned to Python without an exception set.
/// Docs: docs/checks/pyrefleak-missing-exception.md
class MissingExceptionCheck : public PyRefLeakCheck {
public:
  MissingExceptionCheck(llvm::StringRef Name,
                        clang::tidy::ClangTidyContext *Ctx);
};

} // namespace pyrefleak::tidy

#endif // PYREFLEAK_TIDY_MISSINGEXCEPTIONCHECK_H
