//===- FormatString.cpp - Py_BuildValue / PyArg_Parse formats -------------===//
//
/// \file
/// Format strings are units separated by grouping punctuation. Units come
/// from the rules; a unit is matched longest-first, so "s#" wins over "s".
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/FormatString.h"

using namespace llvm;
using namespace pyrefleak;
using namespace pyrefleak::analysis;

/// Characters that group or separate units without consuming arguments.
static bool isPunctuation(char C, rules::FormatKind Kind) {
  if (Kind == rules::FormatKind::Build)
    return StringRef("()[]{}:, \t").contains(C);
  return StringRef("()|$").contains(C);
}

std::variant<ParsedFormat, FormatError>
pyrefleak::analysis::parseFormat(StringRef Format, rules::FormatKind Kind,
                                 ArrayRef<rules::FormatUnitRule> Units) {
  bool Build = Kind == rules::FormatKind::Build;
  ParsedFormat Result;
  for (unsigned I = 0; I < Format.size();) {
    char C = Format[I];
    // PyArg_Parse*: ":name" and ";message" end the units.
    if (!Build && (C == ':' || C == ';'))
      break;
    if (isPunctuation(C, Kind)) {
      ++I;
      continue;
    }
    const rules::FormatUnitRule *Best = nullptr;
    for (const rules::FormatUnitRule &U : Units) {
      bool KindMatches = Build ? U.Kind == rules::FormatKind::Build
                               : U.Kind == rules::FormatKind::Parse;
      if (KindMatches && Format.substr(I).starts_with(U.Unit) &&
          (!Best || U.Unit.size() > Best->Unit.size()))
        Best = &U;
    }
    if (!Best)
      return FormatError{I, Format.substr(I, 1).str()};
    Result.Slots.push_back({Best, I, Result.NumArguments});
    Result.NumArguments += Best->Types.size();
    I += Best->Unit.size();
  }
  return Result;
}
