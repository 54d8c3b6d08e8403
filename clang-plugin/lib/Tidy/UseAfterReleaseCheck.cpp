//===- UseAfterReleaseCheck.cpp - pyrefleak-use-after-release -------------===//
//
/// \file
/// The analysis finds the issues; this check reports those of its kind.
//
//===----------------------------------------------------------------------===//

#include "UseAfterReleaseCheck.h"

using namespace clang::tidy;
using namespace pyrefleak;
using namespace pyrefleak::tidy;

UseAfterReleaseCheck::UseAfterReleaseCheck(llvm::StringRef Name,
                                           ClangTidyContext *Ctx)
    : PyRefLeakCheck(Name, Ctx, CheckKind::UseAfterRelease) {}
