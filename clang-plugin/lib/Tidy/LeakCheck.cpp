//===- LeakCheck.cpp - pyrefleak-leak -------------------------------------===//
//
/// \file
/// The analysis finds the issues; this check reports those of its kind.
//
//===----------------------------------------------------------------------===//

#include "LeakCheck.h"

using namespace clang::tidy;
using namespace pyrefleak;
using namespace pyrefleak::tidy;

LeakCheck::LeakCheck(llvm::StringRef Name, ClangTidyContext *Ctx)
    : PyRefLeakCheck(Name, Ctx, CheckKind::Leak) {}
