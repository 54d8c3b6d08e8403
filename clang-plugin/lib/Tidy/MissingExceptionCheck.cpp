//===- MissingExceptionCheck.cpp - pyrefleak-missing-exception ------------===//
//
/// \file
/// The analysis finds the issues; this check reports those of its kind.
//
//===----------------------------------------------------------------------===//

#include "MissingExceptionCheck.h"

using namespace clang::tidy;
using namespace pyrefleak;
using namespace pyrefleak::tidy;

MissingExceptionCheck::MissingExceptionCheck(llvm::StringRef Name,
                                             ClangTidyContext *Ctx)
    : PyRefLeakCheck(Name, Ctx, CheckKind::MissingException) {}
