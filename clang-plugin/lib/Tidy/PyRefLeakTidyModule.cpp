//===- PyRefLeakTidyModule.cpp - The pyrefleak clang-tidy module ----------===//
//
/// \file
/// Registers the pyrefleak-* checks. Built twice: as PyRefLeakTidy.so for
/// `clang-tidy --load`, whose registry this module joins when loaded, and
/// into pyrefleak-clangd, which references the anchor below so that the
/// linker keeps the registration.
//
//===----------------------------------------------------------------------===//

#include "FormatCheck.h"
#include "LeakCheck.h"
#include "MissingExceptionCheck.h"
#include "NullDerefCheck.h"
#include "OverReleaseCheck.h"
#include "UseAfterReleaseCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

using namespace clang::tidy;

namespace pyrefleak::tidy {
namespace {
class PyRefLeakTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    // One line per check, sorted; utils/add-check.py inserts new ones.
    Factories.registerCheck<FormatCheck>("pyrefleak-format");
    Factories.registerCheck<LeakCheck>("pyrefleak-leak");
    Factories.registerCheck<MissingExceptionCheck>(
        "pyrefleak-missing-exception");
    Factories.registerCheck<NullDerefCheck>("pyrefleak-null-deref");
    Factories.registerCheck<OverReleaseCheck>("pyrefleak-over-release");
    Factories.registerCheck<UseAfterReleaseCheck>(
        "pyrefleak-use-after-release");
  }
};
} // namespace

// Referenced by pyrefleak-clangd to keep this file linked in.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int PyRefLeakTidyModuleAnchorSource = 0;
} // namespace pyrefleak::tidy

static ClangTidyModuleRegistry::Add<pyrefleak::tidy::PyRefLeakTidyModule>
    X("pyrefleak-module",
      "CPython C-extension reference counting (pyrefleak-*)");
