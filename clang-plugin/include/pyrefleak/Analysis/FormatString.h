//===- FormatString.h - Py_BuildValue / PyArg_Parse formats ----*- C++ -*-===//
//
/// \file
/// Splits a format string into units using the unit table of the rules
/// (rules/cpython/format-units.yaml); the code knows only the punctuation
/// that groups units, not what any unit means.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_FORMATSTRING_H
#define PYREFLEAK_ANALYSIS_FORMATSTRING_H

#include "pyrefleak/Analysis/Issue.h"
#include "pyrefleak/Rules/RuleDatabase.h"
#include <optional>
#include <variant>
#include <vector>

namespace clang {
class CallExpr;
class StringLiteral;
} // namespace clang

namespace pyrefleak::analysis {

/// The format argument of \p Call when it is a string literal, seen
/// through parentheses, casts and macros; null when it is anything else.
const clang::StringLiteral *formatLiteral(const clang::CallExpr *Call,
                                          const rules::FormatRule &Format);

/// One unit of a format string and the variadic arguments it consumes.
struct FormatSlot {
  const rules::FormatUnitRule *Unit;
  unsigned Offset;        ///< Byte offset of the unit in the format string.
  unsigned FirstArgument; ///< Index of its first argument among the varargs.
};

struct ParsedFormat {
  /// Every unit, nested ones included, in the order they take arguments.
  std::vector<FormatSlot> Slots;
  unsigned NumArguments = 0; ///< Variadic arguments the format consumes.
  /// Units and groups outside any brackets: the Python arguments a parse
  /// format describes, one keyword name each.
  unsigned NumTopLevelItems = 0;

  /// The unit that consumes variadic argument \p Index, if any.
  const FormatSlot *slotOf(unsigned Index) const {
    for (const FormatSlot &Slot : Slots)
      if (Index >= Slot.FirstArgument &&
          Index < Slot.FirstArgument + Slot.Unit->Types.size())
        return &Slot;
    return nullptr;
  }
};

/// Why a format string could not be split.
struct FormatError {
  unsigned Offset;
  std::string Text; ///< The offending characters.
  FormatDefect Defect = FormatDefect::UnknownUnit;
};

/// Splits \p Format (up to its first NUL). Build formats group with (), []
/// and {} and ignore spaces, tabs, commas and colons; parse formats group
/// with (), take '|' (optional from here on) and, for ParseKeywords, '$'
/// (keyword-only from here on) at the top level, and end at ':' or ';'.
/// Units are matched longest first among the entries of \p Units for the
/// kind that apply to \p Version (all of them when it is std::nullopt).
std::variant<ParsedFormat, FormatError>
parseFormat(llvm::StringRef Format, rules::FormatKind Kind,
            llvm::ArrayRef<rules::FormatUnitRule> Units,
            std::optional<rules::PyVersion> Version = std::nullopt);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_FORMATSTRING_H
