//===- flags.cpp - Runtime option parser ----------------------------------===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Parses `name=value` lists in the sanitizer style: entries are separated
/// by ':', ',' or white space, and a value may be quoted with '...' or
/// "..." to contain separators (a path with a colon).
///
//===----------------------------------------------------------------------===//

#include "flags.h"
#include "common.h"
#include "report.h"
#include "stack.h"

#include <stdlib.h>

/// Overridden by a program or an extension that wants other defaults; the
/// environment still wins.
PYREFLEAK_INTERFACE __attribute__((weak)) const char *
__pyrefleak_default_options() {
  return "";
}

namespace pyrefleak {
namespace rt {

static Flags GlobalFlags;

Flags &flags() { return GlobalFlags; }

static bool parseValue(const char *Value, bool *Out) {
  if (!strcmp(Value, "1") || !strcmp(Value, "true") || !strcmp(Value, "yes")) {
    *Out = true;
    return true;
  }
  if (!strcmp(Value, "0") || !strcmp(Value, "false") || !strcmp(Value, "no")) {
    *Out = false;
    return true;
  }
  return false;
}

static bool parseValue(const char *Value, int *Out) {
  char *End;
  long Parsed = strtol(Value, &End, 10);
  if (!*Value || *End || Parsed < INT32_MIN || Parsed > INT32_MAX)
    return false;
  *Out = int(Parsed);
  return true;
}

/// Strings point into the copy of the option text, which is never freed.
static bool parseValue(const char *Value, const char **Out) {
  *Out = Value;
  return true;
}

enum class SetResult { Ok, Unknown, BadValue };

static SetResult setFlag(Flags &F, const char *Key, const char *Value) {
#define PYREFLEAK_FLAG(Type, Name, Default, Help)                              \
  if (!strcmp(Key, #Name))                                                     \
    return parseValue(Value, &F.Name) ? SetResult::Ok : SetResult::BadValue;
#include "flags.inc"
#undef PYREFLEAK_FLAG
  return SetResult::Unknown;
}

static bool isSeparator(char C) {
  return C == ':' || C == ',' || C == ' ' || C == '\t' || C == '\n' ||
         C == '\r';
}

/// Splits Text in place and applies each entry to F.
static void parseOptions(Flags &F, char *Text, const char *Source) {
  char *P = Text;
  while (true) {
    while (isSeparator(*P))
      ++P;
    if (!*P)
      return;
    char *Key = P;
    while (*P && *P != '=' && !isSeparator(*P))
      ++P;
    if (*P != '=') {
      char Stop = *P;
      *P = '\0';
      reportBadFlag(Source, Key, nullptr);
      if (!Stop)
        return;
      ++P;
      continue;
    }
    *P++ = '\0';
    char *Value = P;
    if (*P == '"' || *P == '\'') {
      char Quote = *P++;
      Value = P;
      while (*P && *P != Quote)
        ++P;
    } else {
      while (*P && !isSeparator(*P))
        ++P;
    }
    bool AtEnd = !*P;
    *P = '\0';
    switch (setFlag(F, Key, Value)) {
    case SetResult::Ok:
      break;
    case SetResult::Unknown:
      reportUnknownFlag(Source, Key);
      break;
    case SetResult::BadValue:
      reportBadFlag(Source, Key, Value);
      break;
    }
    if (AtEnd)
      return;
    ++P;
  }
}

static void applyOptions(Flags &F, const char *Text, const char *Source) {
  if (!Text || !*Text)
    return;
  // Parsed string values keep pointing into this copy for the process's
  // lifetime; it is one small allocation per option source.
  char *Copy = duplicateString(Text);
  if (Copy)
    parseOptions(F, Copy, Source);
}

static_assert(MaxStackDepth == 32, "flags.inc gives stack_depth's range");

/// Puts back the default of every int flag \p Source set out of its range.
static void checkRanges(Flags &F, const char *Source) {
#define PYREFLEAK_FLAG(Type, Name, Default, Help)
#define PYREFLEAK_FLAG_RANGE(Name, Min, Max)                                   \
  if (F.Name < (Min) || F.Name > (Max)) {                                      \
    reportFlagOutOfRange(Source, #Name, F.Name, Min, Max);                     \
    F.Name = Flags().Name;                                                     \
  }
#include "flags.inc"
#undef PYREFLEAK_FLAG_RANGE
#undef PYREFLEAK_FLAG
}

void initFlags() {
  Flags &F = GlobalFlags;
  applyOptions(F, __pyrefleak_default_options(), "__pyrefleak_default_options");
  checkRanges(F, "__pyrefleak_default_options");
  applyOptions(F, getenv("PYREFLEAK_OPTIONS"), "PYREFLEAK_OPTIONS");
  checkRanges(F, "PYREFLEAK_OPTIONS");
}

} // namespace rt
} // namespace pyrefleak
