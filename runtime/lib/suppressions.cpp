//===- suppressions.cpp - Suppression files -------------------------------===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Patterns are normalized once, at load time, into plain globs (an
/// unanchored end becomes '*'), so matching is one wildcard walk.
///
//===----------------------------------------------------------------------===//

#include "suppressions.h"
#include "report.h"

#include <fcntl.h>
#include <unistd.h>

namespace pyrefleak {
namespace rt {

static Vector<Suppression> LeakSuppressions;

const Vector<Suppression> &leakSuppressions() { return LeakSuppressions; }

/// Matches a glob whose only metacharacter is '*' against all of Str.
static bool globMatch(const char *Glob, const char *Str) {
  const char *Star = nullptr;
  const char *Resume = nullptr;
  while (*Str) {
    if (*Glob == '*') {
      Star = Glob++;
      Resume = Str;
      continue;
    }
    if (*Glob == *Str) {
      ++Glob;
      ++Str;
      continue;
    }
    if (!Star)
      return false;
    Glob = Star + 1;
    Str = ++Resume;
  }
  while (*Glob == '*')
    ++Glob;
  return !*Glob;
}

/// "^abc" -> "abc*", "abc$" -> "*abc", "a*c" -> "*a*c*". Null on OOM.
static char *globOfTemplate(const char *Pattern) {
  size_t Length = strlen(Pattern);
  bool AnchorStart = Length && Pattern[0] == '^';
  bool AnchorEnd = Length > size_t(AnchorStart) && Pattern[Length - 1] == '$';
  const char *Core = Pattern + AnchorStart;
  size_t CoreLength = Length - AnchorStart - AnchorEnd;
  char *Glob = static_cast<char *>(allocate(CoreLength + 3));
  if (!Glob)
    return nullptr;
  char *Out = Glob;
  if (!AnchorStart)
    *Out++ = '*';
  memcpy(Out, Core, CoreLength);
  Out += CoreLength;
  if (!AnchorEnd)
    *Out++ = '*';
  *Out = '\0';
  return Glob;
}

static bool globMatchField(const char *Glob, const char *Field) {
  return Field && *Field && globMatch(Glob, Field);
}

int matchLeakSuppression(const char *Function, const char *File,
                         const char *Api) {
  const char *Slash = File ? strrchr(File, '/') : nullptr;
  const char *BaseName = Slash ? Slash + 1 : File;
  for (uint32_t I = 0; I < LeakSuppressions.Size; ++I) {
    const char *Glob = LeakSuppressions.Data[I].Glob;
    if (globMatchField(Glob, Function) || globMatchField(Glob, File) ||
        globMatchField(Glob, BaseName) || globMatchField(Glob, Api))
      return int(I);
  }
  return -1;
}

static char *trim(char *Begin, char *End) {
  while (Begin < End && (*Begin == ' ' || *Begin == '\t' || *Begin == '\r'))
    ++Begin;
  while (End > Begin && (End[-1] == ' ' || End[-1] == '\t' || End[-1] == '\r'))
    --End;
  *End = '\0';
  return Begin;
}

/// Reads the whole file into a NUL-terminated buffer, which suppressions
/// keep pointing into.
static char *readFile(const char *Path) {
  int Fd = open(Path, O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return nullptr;
  Vector<char> Buffer;
  char Chunk[4096];
  ssize_t N;
  while ((N = read(Fd, Chunk, sizeof(Chunk))) > 0) {
    if (!Buffer.grow(Buffer.Size + uint32_t(N) + 1)) {
      N = -1;
      break;
    }
    memcpy(Buffer.Data + Buffer.Size, Chunk, size_t(N));
    Buffer.Size += uint32_t(N);
  }
  close(Fd);
  if (N < 0 || !Buffer.push('\0')) {
    Buffer.release();
    return nullptr;
  }
  return Buffer.Data;
}

void loadSuppressions(const char *Path) {
  if (!Path || !*Path)
    return;
  char *Text = readFile(Path);
  if (!Text) {
    reportSuppressionProblem(Path, 0, "cannot read the file");
    return;
  }
  unsigned LineNo = 0;
  for (char *Line = Text; Line;) {
    char *Newline = strchr(Line, '\n');
    char *End = Newline ? Newline : Line + strlen(Line);
    char *Next = Newline ? Newline + 1 : nullptr;
    ++LineNo;
    if (char *Hash = static_cast<char *>(memchr(Line, '#', size_t(End - Line))))
      End = Hash;
    char *Entry = trim(Line, End);
    Line = Next;
    if (!*Entry)
      continue;
    char *Colon = strchr(Entry, ':');
    if (!Colon || Colon == Entry) {
      reportSuppressionProblem(Path, LineNo, "expected 'kind:pattern'");
      continue;
    }
    *Colon = '\0';
    if (strcmp(Entry, "leak"))
      continue; // for another pyrefleak tool
    const char *Pattern = trim(Colon + 1, Colon + 1 + strlen(Colon + 1));
    if (!*Pattern) {
      reportSuppressionProblem(Path, LineNo, "empty pattern");
      continue;
    }
    char *Glob = globOfTemplate(Pattern);
    if (!Glob || !LeakSuppressions.push({Pattern, Glob}))
      reportSuppressionProblem(Path, LineNo, "out of memory");
  }
}

} // namespace rt
} // namespace pyrefleak
