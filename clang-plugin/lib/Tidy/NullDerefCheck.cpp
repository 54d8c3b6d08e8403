//===- NullDerefCheck.cpp - pyrefleak-null-deref --------------------------===//
//
/// \file
/// The analysis finds the issues; this check reports those of its kind.
//
//===----------------------------------------------------------------------===//

#include "NullDerefCheck.h"

using namespace clang::tidy;
using namespace pyrefleak;
using namespace pyrefleak::tidy;

NullDerefCheck::NullDerefCheck(llvm::StringRef Name, ClangTidyContext *Ctx)
    : PyRefLeakCheck(Name, Ctx, CheckKind::NullDeref) {}
