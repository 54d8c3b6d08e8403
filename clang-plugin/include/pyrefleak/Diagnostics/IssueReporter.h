//===- IssueReporter.h - Issues to diagnostics ------------------*- C++ -*-===//
//
/// \file
/// Turns an Issue into one warning and its notes. Front ends say how a
/// warning or note is emitted; this class decides what is said, where, and
/// which issues are filtered out (disabled checks, NOLINT, duplicates).
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_DIAGNOSTICS_ISSUEREPORTER_H
#define PYREFLEAK_DIAGNOSTICS_ISSUEREPORTER_H

#include "pyrefleak/Analysis/Issue.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"
#include <bitset>
#include <set>
#include <tuple>

namespace clang {
class DiagnosticsEngine;
class SourceManager;
} // namespace clang

namespace pyrefleak::diag {

/// A set of checks, parsed from a clang-tidy style list of globs:
/// "-*,pyrefleak-leak", "leak,-format" or "pyrefleak-*".
class CheckSet {
public:
  static CheckSet all();
  static CheckSet none();
  /// Applies \p Globs in order on top of this set. Returns the globs that
  /// match no check, for an error message.
  std::vector<std::string> apply(llvm::StringRef Globs);
  bool contains(CheckKind C) const { return Bits.test(unsigned(C)); }

private:
  std::bitset<NumChecks> Bits;
};

/// Whether a NOLINT, NOLINTNEXTLINE or NOLINTBEGIN/END comment silences
/// check \p C at \p Loc, as clang-tidy reads them.
bool isSilencedByNolint(const clang::SourceManager &SM, clang::SourceLocation Loc,
                        CheckKind C);

class IssueReporter {
public:
  virtual ~IssueReporter() = default;
  /// Emits \p I unless its check is disabled, NOLINT silences it, or the
  /// same issue was already reported at the same place.
  void report(const Issue &I);
  /// Emits a mistake in the user's annotations as an error: it belongs to
  /// no check, so no check list or NOLINT silences it.
  void reportError(const ConfigError &E);
  void setEnabled(CheckSet Checks) { Enabled = Checks; }

protected:
  explicit IssueReporter(const clang::SourceManager &SM) : SM(SM) {}
  /// Returns false when the front end dropped the warning (-w), so that
  /// its notes are dropped too.
  virtual bool emitWarning(CheckKind C, clang::SourceLocation Loc,
                           llvm::StringRef Text, clang::SourceRange Range,
                           llvm::ArrayRef<clang::FixItHint> FixIts) = 0;
  virtual void emitNote(clang::SourceLocation Loc, llvm::StringRef Text) = 0;
  /// Whether the front end itself handles NOLINT (clang-tidy does).
  virtual bool handlesNolint() const { return false; }
  /// Emits an error. Front ends that can should override this; the
  /// default falls back to a warning so that nothing is lost.
  virtual void emitError(clang::SourceLocation Loc, llvm::StringRef Text);

  const clang::SourceManager &SM;

private:
  CheckSet Enabled = CheckSet::all();
  /// Issues reported: location, check, headline and where the reference
  /// was created (two creations leaking at one exit are two findings).
  std::set<std::tuple<unsigned, unsigned, std::string, unsigned>> Seen;
};

/// Reports through a compiler's DiagnosticsEngine: warnings, or errors under
/// -Werror or for the checks in \p Errors.
class CompilerIssueReporter : public IssueReporter {
public:
  CompilerIssueReporter(clang::DiagnosticsEngine &Diags,
                        const clang::SourceManager &SM, CheckSet Errors);

private:
  bool emitWarning(CheckKind C, clang::SourceLocation Loc, llvm::StringRef Text,
                   clang::SourceRange Range,
                   llvm::ArrayRef<clang::FixItHint> FixIts) override;
  void emitNote(clang::SourceLocation Loc, llvm::StringRef Text) override;
  void emitError(clang::SourceLocation Loc, llvm::StringRef Text) override;

  clang::DiagnosticsEngine &Diags;
  CheckSet Errors;
};

} // namespace pyrefleak::diag

#endif // PYREFLEAK_DIAGNOSTICS_ISSUEREPORTER_H
