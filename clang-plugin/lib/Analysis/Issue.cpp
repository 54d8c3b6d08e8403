//===- Issue.cpp - Checks and issue kinds ---------------------------------===//
//
/// \file
/// The tables generated from IssueKinds.def.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/Issue.h"
#include "llvm/Support/ErrorHandling.h"

using namespace pyrefleak;

CheckKind pyrefleak::checkOf(IssueKind K) {
  switch (K) {
#define PYREFLEAK_ISSUE(Enum, Check)                                           \
  case IssueKind::Enum:                                                        \
    return CheckKind::Check;
#include "pyrefleak/IssueKinds.def"
  }
  llvm_unreachable("unhandled IssueKind");
}

llvm::StringRef pyrefleak::checkName(CheckKind C) {
  switch (C) {
#define PYREFLEAK_CHECK(Enum, Name, Summary)                                   \
  case CheckKind::Enum:                                                        \
    return Name;
#include "pyrefleak/IssueKinds.def"
  }
  llvm_unreachable("unhandled CheckKind");
}

std::optional<CheckKind> pyrefleak::checkNamed(llvm::StringRef Name) {
  Name.consume_front("pyrefleak-");
#define PYREFLEAK_CHECK(Enum, CheckName, Summary)                              \
  if (Name == CheckName)                                                       \
    return CheckKind::Enum;
#include "pyrefleak/IssueKinds.def"
  return std::nullopt;
}
