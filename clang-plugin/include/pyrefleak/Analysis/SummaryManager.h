//===- SummaryManager.h - What a call does to ownership --------*- C++ -*-===//
//
/// \file
/// Answers "what does calling this function do to references?" for every
/// callee the analyses meet, from three sources in order: annotations on
/// the declaration (pyrefleak/annotations.h), summaries inferred from the
/// bodies of functions in the same file, and the rules database.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_SUMMARYMANAGER_H
#define PYREFLEAK_ANALYSIS_SUMMARYMANAGER_H

#include "clang/Basic/SourceLocation.h"
#include "pyrefleak/Rules/RuleDatabase.h"
#include "llvm/ADT/DenseMap.h"
#include <deque>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class Preprocessor;
class QualType;
class ReturnStmt;
} // namespace clang

namespace pyrefleak::analysis {

using Summary = rules::FunctionRule;

/// What a translation unit is compiled for, read from <Python.h>.
struct PythonTarget {
  rules::PyVersion Headers; ///< PY_MAJOR_VERSION.PY_MINOR_VERSION
  /// Py_LIMITED_API: the oldest Python the extension may run on.
  std::optional<rules::PyVersion> LimitedApi;
};

class SummaryManager {
public:
  SummaryManager(const rules::RuleDatabase &Rules, PythonTarget Target)
      : Rules(Rules), Target(Target), Version(Target.Headers) {}

  /// The summary of \p FD, or null when nothing is known about it.
  const Summary *lookup(const clang::FunctionDecl *FD) const;
  /// The summary of the function \p Call calls: by its name, or for a call
  /// through a pointer, by the rule naming the table field
  /// ("PyDateTime_CAPI.Date_FromDate") or the typedef it is read from.
  const Summary *lookup(const clang::CallExpr *Call) const;

  /// The name the user wrote for the API \p Call calls: the macro that
  /// expands to it when that macro has a rule (Py_NewRef for _Py_NewRef),
  /// else the rule's name (Py_BuildValue for _Py_BuildValue_SizeT).
  llvm::StringRef spelledName(const clang::CallExpr *Call, const Summary &S,
                              const clang::ASTContext &Ctx) const;

  /// The outermost macro with a rule whose expansion holds \p Loc: the API
  /// that dereferences where its body spells `->` (PyList_SET_ITEM before
  /// 3.11); empty if none.
  llvm::StringRef expandingAPI(clang::SourceLocation Loc,
                               const clang::ASTContext &Ctx) const;

  /// What define() recorded for \p FD, ignoring the rules; null if nothing.
  const Summary *defined(const clang::FunctionDecl *FD) const;

  /// Records what the analysis learnt from \p FD's body (or annotations);
  /// it takes precedence over the rules.
  void define(const clang::FunctionDecl *FD, Summary S);

  const rules::RuleDatabase &rules() const { return Rules; }
  rules::PyVersion version() const { return Version; }
  const PythonTarget &target() const { return Target; }
  /// Whether \p Object is immortal on every Python the code may run on:
  /// the headers' version, and the limited API's when one is targeted.
  bool isImmortal(const rules::StaticObjectRule &Object) const;

  /// The static object \p RS returns as it is through the headers' own
  /// macro for it (Py_RETURN_NONE on 3.12+ is `return Py_None`), if any:
  /// right by definition, and no reference of the function's is handed over.
  const rules::StaticObjectRule *
  macroReturnedStatic(const clang::ReturnStmt *RS,
                      const clang::ASTContext &Ctx) const;

  /// What the translation unit is compiled for, from the macros of
  /// <Python.h>; std::nullopt when Python.h was not included.
  static std::optional<PythonTarget> targetOf(const clang::Preprocessor &PP);
  /// The directory of the CPython headers (where PY_MAJOR_VERSION is
  /// defined), whose inline functions are not the user's to fix; "" when
  /// Python.h was not included.
  static std::string pythonIncludeDir(const clang::Preprocessor &PP);

private:
  const rules::RuleDatabase &Rules;
  PythonTarget Target;
  rules::PyVersion Version; ///< Target.Headers, which the rules ask for.
  std::deque<Summary> Defined; // Stable addresses for the map below.
  llvm::DenseMap<const clang::FunctionDecl *, const Summary *> ByDecl;
  mutable llvm::DenseMap<const clang::CallExpr *, const Summary *>
      ByIndirectCall;
};

/// Whether \p FD is one of the instrumentation's hooks (annotated
/// "pyrefleak::transparent"): a call to it is its first argument, and
/// nothing changes hands.
bool isTransparent(const clang::FunctionDecl *FD);

/// \p E without parentheses, implicit and explicit casts, and the
/// instrumentation's hooks (calls to functions annotated
/// "pyrefleak::transparent", which return their first argument).
const clang::Expr *stripWrappers(const clang::Expr *E);

/// Whether \p E has a pointer-to-object type (PyObject *, or a pointer to a
/// struct that starts with PyObject_HEAD).
bool isObjectPointer(const clang::Expr *E);
/// Whether \p T is a pointer to an object, as for isObjectPointer.
bool isObjectPointerType(clang::QualType T);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_SUMMARYMANAGER_H
