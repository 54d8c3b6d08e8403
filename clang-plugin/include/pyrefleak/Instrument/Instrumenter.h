//===- Instrumenter.h - Insert the run-time ledger's calls ------*- C++ -*-===//
//
/// \file
/// Rewrites function bodies in the AST, before code generation, so that
/// every event that creates or discharges an owned reference calls the
/// runtime (runtime/include/pyrefleak/instrument.h). Only used with
/// -fplugin-arg-pyrefleak-instrument: a checking compile never changes the
/// generated code.
///
/// What is instrumented, in a function of the user's own code (C, or C++
/// outside classes, templates and lambdas):
///  - acquire: the result of a call whose summary returns a new reference
///    (`new`, `alias-new`); retain: the argument of a `retains` parameter
///    (Py_INCREF), which settles a credit a store left;
///  - release: the argument of a `releases` parameter (Py_DECREF, and so
///    Py_CLEAR, Py_SETREF);
///  - steal, store: the argument of a `steals` or `stores` parameter or an
///    `N` build unit, and an object stored where it outlives the frame
///    (StorageLocation::outlivesFrame); when the frame owns no reference to
///    it, the place holds a credit for the Py_INCREF that may follow;
///  - steal_pending + settle: `steals-on-success` arguments, with the call's
///    result settled by the rule's failure convention (a convention the
///    hooks cannot express counts as an unconditional steal);
///  - escape: an object returned, or given to a call without a summary or
///    to a C++ constructor (which may keep it);
///  - a frame around the body whose cleanup runs on every exit.
/// Each hook names the local variable involved (0 for none), so that the
/// ledger discharges that variable's record of an object first. References
/// read from a place that outlives the frame (`Py_INCREF(self->x)`) are
/// that place's: no hook.
/// Summaries come from the rules, the annotations, and for the file's own
/// functions from the analysis' inference (inferSummary), run on each body
/// before it is rewritten; a function defined after its caller is unknown
/// there. They are kept apart from the checking analysis' summaries, which
/// a compile with instrumentation must not change.
/// The ledger does not follow variables that receive references through
/// out-parameters (`out-new`, `steals-and-out-new`, e.g. `PyErr_Fetch(&t,
/// &v, &tb)`): no event on such a variable is recorded, neither the
/// acquisitions stored into it nor its releases, steals or escapes.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_INSTRUMENT_INSTRUMENTER_H
#define PYREFLEAK_INSTRUMENT_INSTRUMENTER_H

#include <memory>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace pyrefleak::analysis {
class SummaryManager;
struct AnalysisOptions;
} // namespace pyrefleak::analysis

namespace pyrefleak::instrument {

class Instrumenter {
public:
  /// \p SM gives the rules and the Python version; the instrumentation
  /// keeps its own summaries on top of them.
  Instrumenter(clang::ASTContext &Ctx, const analysis::SummaryManager &SM,
               const analysis::AnalysisOptions &Options);
  ~Instrumenter();
  /// Rewrites \p FD's body in place, or leaves it untouched when the
  /// runtime's declarations are missing (warned about once) or the function
  /// is one the instrumentation does not handle.
  void instrument(clang::FunctionDecl &FD);

private:
  struct Impl;
  std::unique_ptr<Impl> State;
};

} // namespace pyrefleak::instrument

#endif // PYREFLEAK_INSTRUMENT_INSTRUMENTER_H
