//===- UseAfterReleaseCheck.h - pyrefleak-use-after-release -----*- C++ -*-===//
//
/// \file
/// pyrefleak-use-after-release: an object is used after its last owned
/// reference is gone.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_TIDY_USEAFTERRELEASECHECK_H
#define PYREFLEAK_TIDY_USEAFTERRELEASECHECK_H

#include "PyRefLeakCheck.h"

namespace pyrefleak::tidy {

/// An object is used after its last owned reference is gone.
/// Docs: docs/checks/pyrefleak-use-after-release.md
class UseAfterReleaseCheck : public PyRefLeakCheck {
public:
  UseAfterReleaseCheck(llvm::StringRef Name,
                       clang::tidy::ClangTidyContext *Ctx);
};

} // namespace pyrefleak::tidy

#endif // PYREFLEAK_TIDY_USEAFTERRELEASECHECK_H
