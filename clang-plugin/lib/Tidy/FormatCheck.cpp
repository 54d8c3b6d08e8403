//===- FormatCheck.cpp - pyrefleak-format ---------------------------------===//
//
/// \file
/// The analysis finds the issues; this check reports those of its kind.
//
//===----------------------------------------------------------------------===//

#include "FormatCheck.h"

using namespace clang::tidy;
using namespace pyrefleak;
using namespace pyrefleak::tidy;

FormatCheck::FormatCheck(llvm::StringRef Name, ClangTidyContext *Ctx)
    : PyRefLeakCheck(Name, Ctx, CheckKind::Format) {}
