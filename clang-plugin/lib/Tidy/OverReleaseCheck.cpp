//===- OverReleaseCheck.cpp - pyrefleak-over-release ----------------------===//
//
/// \file
/// The analysis finds the issues; this check reports those of its kind.
//
//===----------------------------------------------------------------------===//

#include "OverReleaseCheck.h"

using namespace clang::tidy;
using namespace pyrefleak;
using namespace pyrefleak::tidy;

OverReleaseCheck::OverReleaseCheck(llvm::StringRef Name, ClangTidyContext *Ctx)
    : PyRefLeakCheck(Name, Ctx, CheckKind::OverRelease) {}
