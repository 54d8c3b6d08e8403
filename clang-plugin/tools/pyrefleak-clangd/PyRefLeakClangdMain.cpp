//===- PyRefLeakClangdMain.cpp - clangd with the pyrefleak checks ---------===//
//
/// \file
/// Stock clangd never loads compiler plugins (it drops -fplugin and
/// -Xclang -load from compile commands) and cannot load clang-tidy modules,
/// so the pyrefleak checks reach editors by being compiled into a clangd:
/// Debian's libclangdMain.a and libclangDaemon.a with the pyrefleak-*
/// clang-tidy checks linked next to the stock ones. `.clangd` enables them:
///
///   Diagnostics:
///     ClangTidy:
///       Add: [pyrefleak-*]
///       FastCheckFilter: Loose
///
/// The only other difference from clangd-19 is the default resource
/// directory: this binary does not live next to clang's built-in headers.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <cstdlib>
#include <string>
#include <vector>

namespace clang::clangd {
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

namespace pyrefleak::tidy {
extern volatile int PyRefLeakTidyModuleAnchorSource;
} // namespace pyrefleak::tidy

using namespace llvm;

/// Whether the user chose a resource directory on the command line or in
/// CLANGD_FLAGS (clangd rejects the option given twice).
static bool hasResourceDir(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I) {
    StringRef Arg(Argv[I]);
    if (Arg.starts_with("--resource-dir") || Arg.starts_with("-resource-dir"))
      return true;
  }
  const char *Flags = std::getenv("CLANGD_FLAGS");
  return Flags && StringRef(Flags).contains("resource-dir");
}

/// clang's built-in headers: <prefix>/lib/clang/<major> when installed with
/// a copy of them, otherwise those of the clang this was built against.
static std::string resourceDir(const char *Argv0) {
  std::string Exe =
      sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&resourceDir));
  SmallString<256> Dir(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Dir, "lib", "clang", std::to_string(LLVM_VERSION_MAJOR));
  SmallString<256> Probe(Dir);
  sys::path::append(Probe, "include", "stddef.h");
  if (sys::fs::exists(Probe))
    return std::string(Dir);
  return PYREFLEAK_CLANG_RESOURCE_DIR;
}

int main(int Argc, char **Argv) {
  // A volatile read the optimizer must keep: it links the module, whose
  // static registration adds the checks to clang-tidy's registry.
  (void)pyrefleak::tidy::PyRefLeakTidyModuleAnchorSource;
  std::vector<char *> Args(Argv, Argv + Argc);
  std::string ResourceFlag;
  if (!hasResourceDir(Argc, Argv)) {
    ResourceFlag = "--resource-dir=" + resourceDir(Argv[0]);
    Args.insert(Args.begin() + 1, ResourceFlag.data());
  }
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(int(Args.size()) - 1, Args.data());
}
