//===- NullDerefCheck.h - pyrefleak-null-deref ------------------*- C++ -*-===//
//
/// \file
/// pyrefleak-null-deref: a possibly-NULL result is dereferenced unchecked.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_TIDY_NULLDEREFCHECK_H
#define PYREFLEAK_TIDY_NULLDEREFCHECK_H

#include "PyRefLeakCheck.h"

namespace pyrefleak::tidy {

/// A possibly-NULL result is dereferenced unchecked.
/// Docs: docs/checks/pyrefleak-null-deref.md
class NullDerefCheck : public PyRefLeakCheck {
public:
  NullDerefCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
};

} // namespace pyrefleak::tidy

#endif // PYREFLEAK_TIDY_NULLDEREFCHECK_H
