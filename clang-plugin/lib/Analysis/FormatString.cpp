//===- FormatString.cpp - Py_BuildValue / PyArg_Parse formats -------------===//
//
/// \file
/// Format strings are units separated by grouping punctuation. Units come
/// from the rules; a unit is matched longest-first, so "s#" wins over "s"
/// and "es#" over "es". The punctuation follows CPython's own parsers
/// (Python/modsupport.c for build formats, Python/getargs.c for parse
/// formats): whatever they reject with SystemError is a FormatError here.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/FormatString.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

using namespace llvm;
using namespace pyrefleak;
using namespace pyrefleak::analysis;
using rules::FormatKind;

/// The bracket that closes \p Open, or 0 when \p Open opens no group.
static char closerOf(char Open, FormatKind Kind) {
  switch (Open) {
  case '(':
    return ')';
  case '[':
    return Kind == FormatKind::Build ? ']' : 0;
  case '{':
    return Kind == FormatKind::Build ? '}' : 0;
  default:
    return 0;
  }
}

static bool isCloser(char C, FormatKind Kind) {
  if (C == ')')
    return true;
  return Kind == FormatKind::Build && (C == ']' || C == '}');
}

/// Characters a build format ignores between units.
static bool isBuildSeparator(char C) { return StringRef(" \t,:").contains(C); }

/// The longest unit of \p Units for \p Kind that \p Rest starts with.
static const rules::FormatUnitRule *
longestUnit(StringRef Rest, FormatKind Kind,
            ArrayRef<rules::FormatUnitRule> Units,
            std::optional<rules::PyVersion> Version) {
  FormatKind TableKind =
      Kind == FormatKind::Build ? FormatKind::Build : FormatKind::Parse;
  const rules::FormatUnitRule *Best = nullptr;
  for (const rules::FormatUnitRule &U : Units) {
    if (U.Kind != TableKind || !Rest.starts_with(U.Unit))
      continue;
    if (Version && !U.appliesTo(*Version))
      continue;
    if (!Best || U.Unit.size() > Best->Unit.size())
      Best = &U;
  }
  return Best;
}

namespace {
/// An open bracket and the items counted inside it so far.
struct OpenGroup {
  char Open;
  unsigned Offset;
  unsigned Items = 0;
};
} // namespace

std::variant<ParsedFormat, FormatError>
pyrefleak::analysis::parseFormat(StringRef Format, FormatKind Kind,
                                 ArrayRef<rules::FormatUnitRule> Units,
                                 std::optional<rules::PyVersion> Version) {
  Format = Format.take_until([](char C) { return C == '\0'; });
  bool Build = Kind == FormatKind::Build;
  ParsedFormat Result;
  SmallVector<OpenGroup, 4> Groups;
  bool SeenOptional = false, SeenKeywordOnly = false;
  auto CountItem = [&] {
    if (Groups.empty())
      ++Result.NumTopLevelItems;
    else
      ++Groups.back().Items;
  };
  auto Error = [](unsigned Offset, StringRef Text, FormatDefect Defect) {
    return FormatError{Offset, Text.str(), Defect};
  };

  for (unsigned I = 0; I < Format.size();) {
    char C = Format[I];
    // PyArg_Parse*: ":name" and ";message" end the units.
    if (!Build && (C == ':' || C == ';'))
      break;
    if (Build && isBuildSeparator(C)) {
      ++I;
      continue;
    }
    if (closerOf(C, Kind)) {
      CountItem();
      Groups.push_back({C, I});
      ++I;
      continue;
    }
    if (isCloser(C, Kind)) {
      if (Groups.empty() || closerOf(Groups.back().Open, Kind) != C)
        return Error(I, Format.substr(I, 1), FormatDefect::UnbalancedGroup);
      if (Groups.back().Open == '{' && Groups.back().Items % 2 != 0)
        return Error(Groups.back().Offset,
                     Format.substr(Groups.back().Offset, 1),
                     FormatDefect::OddDictItems);
      Groups.pop_back();
      ++I;
      continue;
    }
    if (!Build && (C == '|' || C == '$')) {
      StringRef Marker = Format.substr(I, 1);
      if (!Groups.empty())
        return Error(I, Marker, FormatDefect::MarkerInGroup);
      bool &Seen = C == '|' ? SeenOptional : SeenKeywordOnly;
      if (Seen)
        return Error(I, Marker, FormatDefect::RepeatedMarker);
      if (C == '|' && SeenKeywordOnly)
        return Error(I, Marker, FormatDefect::MarkerOrder);
      if (C == '$' && Kind != FormatKind::ParseKeywords)
        return Error(I, Marker, FormatDefect::MarkerWithoutKeywords);
      Seen = true;
      ++I;
      continue;
    }
    const rules::FormatUnitRule *Unit =
        longestUnit(Format.substr(I), Kind, Units, Version);
    if (!Unit)
      return Error(I, Format.substr(I, 1), FormatDefect::UnknownUnit);
    CountItem();
    Result.Slots.push_back({Unit, I, Result.NumArguments});
    Result.NumArguments += Unit->Types.size();
    I += Unit->Unit.size();
  }
  if (!Groups.empty())
    return Error(Groups.back().Offset, Format.substr(Groups.back().Offset, 1),
                 FormatDefect::UnbalancedGroup);
  return Result;
}

const clang::StringLiteral *
pyrefleak::analysis::formatLiteral(const clang::CallExpr *Call,
                                   const rules::FormatRule &Format) {
  if (Format.Index >= Call->getNumArgs())
    return nullptr;
  const auto *Literal = llvm::dyn_cast<clang::StringLiteral>(
      stripWrappers(Call->getArg(Format.Index)));
  return Literal && Literal->isOrdinary() ? Literal : nullptr;
}
