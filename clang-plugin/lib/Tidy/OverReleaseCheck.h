//===- OverReleaseCheck.h - pyrefleak-over-release --------------*- C++ -*-===//
//
/// \file
/// pyrefleak-over-release: a reference is released or stolen that is not owned.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_TIDY_OVERRELEASECHECK_H
#define PYREFLEAK_TIDY_OVERRELEASECHECK_H

#include "PyRefLeakCheck.h"

namespace pyrefleak::tidy {

/// A reference is released or stolen that is not owned.
/// Docs: docs/checks/pyrefleak-over-release.md
class OverReleaseCheck : public PyRefLeakCheck {
public:
  OverReleaseCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
};

} // namespace pyrefleak::tidy

#endif // PYREFLEAK_TIDY_OVERRELEASECHECK_H
