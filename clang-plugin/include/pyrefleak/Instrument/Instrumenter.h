//===- Instrumenter.h - Insert the run-time ledger's calls ------*- C++ -*-===//
//
/// \file
/// Rewrites function bodies in the AST, before code generation, so that
/// every event that creates or discharges an owned reference calls the
/// runtime (runtime/include/pyrefleak/instrument.h). Only used with
/// -fplugin-arg-pyrefleak-instrument: a checking compile never changes the
/// generated code.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_INSTRUMENT_INSTRUMENTER_H
#define PYREFLEAK_INSTRUMENT_INSTRUMENTER_H

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace pyrefleak::analysis {
class SummaryManager;
} // namespace pyrefleak::analysis

namespace pyrefleak::instrument {

class Instrumenter {
public:
  Instrumenter(clang::ASTContext &Ctx, analysis::SummaryManager &SM);
  ~Instrumenter();
  /// Rewrites \p FD's body in place, or leaves it untouched when the
  /// runtime's declarations are missing or the body uses something the
  /// instrumentation does not handle.
  void instrument(clang::FunctionDecl &FD);

private:
  struct Impl;
  Impl *State;
};

} // namespace pyrefleak::instrument

#endif // PYREFLEAK_INSTRUMENT_INSTRUMENTER_H
