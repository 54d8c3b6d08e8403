//===- PythonFacing.h - Functions CPython calls directly --------*- C++ -*-===//
//
/// \file
/// Finds the functions of a translation unit that CPython calls: those put
/// in method tables, type slots and the other tables the rules' entry-points
/// name, and those named by convention (PyInit_*). The analysis holds them
/// to CPython's calling convention.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_PYTHONFACING_H
#define PYREFLEAK_ANALYSIS_PYTHONFACING_H

#include "pyrefleak/Rules/RuleDatabase.h"
#include "llvm/ADT/DenseMap.h"

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace pyrefleak::analysis {

/// What CPython expects of one function it calls, combined over every
/// table and convention it is found in.
struct EntryPointFacts {
  bool ExceptionRequired = true; ///< Its error value needs an exception.
  bool ResultNew = true;         ///< An object result is a new reference.
};

/// The functions CPython calls directly, by canonical declaration.
llvm::DenseMap<const clang::FunctionDecl *, EntryPointFacts>
findPythonFacing(clang::ASTContext &Ctx, const rules::RuleDatabase &Rules);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_PYTHONFACING_H
