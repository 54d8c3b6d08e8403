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

#include "pyrefleak/Rules/RuleDatabase.h"
#include <optional>
#include <variant>
#include <vector>

namespace pyrefleak::analysis {

/// One unit of a format string and the variadic arguments it consumes.
struct FormatSlot {
  const rules::FormatUnitRule *Unit;
  unsigned Offset;        ///< Byte offset of the unit in the format string.
  unsigned FirstArgument; ///< Index of its first argument among the varargs.
};

struct ParsedFormat {
  std::vector<FormatSlot> Slots;
  unsigned NumArguments = 0; ///< Variadic arguments the format consumes.
};

/// Why a format string could not be split.
struct FormatError {
  unsigned Offset;
  std::string Text; ///< The offending characters.
};

/// Splits \p Format. \p Kind is Build or Parse (ParseKeywords parses like
/// Parse). Returns the error position when a character matches no unit.
std::variant<ParsedFormat, FormatError>
parseFormat(llvm::StringRef Format, rules::FormatKind Kind,
            llvm::ArrayRef<rules::FormatUnitRule> Units);

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_FORMATSTRING_H
