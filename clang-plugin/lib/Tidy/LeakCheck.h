//===- LeakCheck.h - pyrefleak-leak -----------------------------*- C++ -*-===//
//
/// \file
/// pyrefleak-leak: an owned reference is never released.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_TIDY_LEAKCHECK_H
#define PYREFLEAK_TIDY_LEAKCHECK_H

#include "PyRefLeakCheck.h"

namespace pyrefleak::tidy {

/// An owned reference is never released.
/// Docs: docs/checks/pyrefleak-leak.md
class LeakCheck : public PyRefLeakCheck {
public:
  LeakCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
};

} // namespace pyrefleak::tidy

#endif // PYREFLEAK_TIDY_LEAKCHECK_H
