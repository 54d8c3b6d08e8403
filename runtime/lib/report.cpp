//===- report.cpp - Everything the runtime prints -------------------------===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Reports merge the recorded sites by descriptor text (the same source
/// place compiled into two modules is one site), apply suppressions and
/// sort by leaked references. The banner and SUMMARY line follow the
/// sanitizers:
///
///   ==<pid>==ERROR: pyrefleak: leak: owned references never released
///   ...
///   SUMMARY: pyrefleak: <n> leaked references at <m> sites
///
/// Output goes through write(2), not stdio, so that a report at exit or in
/// a forked child interleaves with nothing the program buffered.
///
//===----------------------------------------------------------------------===//

#include "report.h"
#include "common.h"
#include "flags.h"
#include "runtime.h"
#include "sites.h"
#include "stack.h"
#include "suppressions.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

namespace pyrefleak {
namespace rt {

namespace {
/// A buffered sink: a file descriptor, or a caller's buffer that is filled
/// snprintf-style (the total length is counted even past its end).
class Writer {
public:
  explicit Writer(int Fd) : Fd(Fd) {}
  Writer(char *Buf, size_t Size) : Out(Buf), OutSize(Size) {
    if (Out && OutSize)
      Out[0] = '\0';
  }
  ~Writer() { flush(); }
  Writer(const Writer &) = delete;
  Writer &operator=(const Writer &) = delete;

  void write(const char *Data, size_t Size);
  void print(const char *Format, ...) __attribute__((format(printf, 2, 3)));
  /// JSON string literal, quotes included.
  void printJsonString(const char *Str);
  size_t total() const { return Total; }
  void flush();

private:
  int Fd = -1;
  char *Out = nullptr;
  size_t OutSize = 0;
  size_t Total = 0;
  size_t Used = 0;
  char Buffer[4096];
};

/// A site's descriptor split into its fields; they point into Storage.
struct SiteFields {
  char *Storage;
  const char *File;
  const char *Function;
  const char *Api;
  unsigned Line;
  unsigned Column;
  bool Static; // the static analysis reported this site
};

/// The sites with one descriptor text, merged.
struct Entry {
  SiteFields Fields;
  uint64_t Leaked;
  uint64_t Cached;
  uint64_t Heap;
  uint64_t HeapBytes;
  TypeCounts Types;           // names borrowed from the sites
  PythonCallers Callers;      // names borrowed from the sites
  const SiteStats *StackSite; // the merged site with most references
  int Suppression;            // index into leakSuppressions(), or -1
};

/// Every leaking site, merged and sorted; built and used under the sites
/// mutex, since entries borrow from the site records.
class EntryList {
public:
  EntryList();
  ~EntryList();
  EntryList(const EntryList &) = delete;
  EntryList &operator=(const EntryList &) = delete;

  Vector<Entry> Entries;
  uint64_t Reported = 0; // unsuppressed references
  uint32_t ReportedSites = 0;
  uint64_t Suppressed = 0;
  uint32_t SuppressedSites = 0;
};
} // namespace

void Writer::flush() {
  if (Fd < 0 || !Used)
    return;
  const char *P = Buffer;
  while (Used) {
    ssize_t N = ::write(Fd, P, Used);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    P += N;
    Used -= size_t(N);
  }
  Used = 0;
}

void Writer::write(const char *Data, size_t Size) {
  Total += Size;
  if (Fd < 0) {
    if (!Out || Total - Size >= OutSize)
      return;
    size_t Start = Total - Size;
    size_t Room = OutSize - 1 - Start;
    size_t N = Size < Room ? Size : Room;
    memcpy(Out + Start, Data, N);
    Out[Start + N] = '\0';
    return;
  }
  while (Size) {
    if (Used == sizeof(Buffer))
      flush();
    size_t N = sizeof(Buffer) - Used;
    if (N > Size)
      N = Size;
    memcpy(Buffer + Used, Data, N);
    Used += N;
    Data += N;
    Size -= N;
  }
}

void Writer::print(const char *Format, ...) {
  char Local[512];
  va_list Args;
  va_start(Args, Format);
  int N = vsnprintf(Local, sizeof(Local), Format, Args);
  va_end(Args);
  if (N < 0)
    return;
  if (size_t(N) < sizeof(Local)) {
    write(Local, size_t(N));
    return;
  }
  char *Long = static_cast<char *>(allocate(size_t(N) + 1));
  if (!Long) {
    write(Local, sizeof(Local) - 1);
    return;
  }
  va_start(Args, Format);
  vsnprintf(Long, size_t(N) + 1, Format, Args);
  va_end(Args);
  write(Long, size_t(N));
  deallocate(Long, size_t(N) + 1);
}

void Writer::printJsonString(const char *Str) {
  write("\"", 1);
  for (const char *P = Str; *P; ++P) {
    unsigned char C = static_cast<unsigned char>(*P);
    if (C == '"' || C == '\\') {
      char Escaped[2] = {'\\', char(C)};
      write(Escaped, 2);
    } else if (C < 0x20) {
      print("\\u%04x", C);
    } else {
      write(P, 1);
    }
  }
  write("\"", 1);
}

//===----------------------------------------------------------------------===//
// Building the entries
//===----------------------------------------------------------------------===//

/// Splits "<flags>\x1f<file>\x1f<line>\x1f<column>\x1f<function>\x1f<api>".
/// Missing fields read as empty (or 0), so a malformed descriptor still
/// shows up in the report.
static SiteFields parseSite(const char *Text) {
  SiteFields F = {};
  F.Storage = duplicateString(Text);
  const char *Fields[6] = {"", "", "", "", "", ""};
  if (F.Storage) {
    char *P = F.Storage;
    for (unsigned I = 0; I < 6 && P; ++I) {
      Fields[I] = P;
      P = strchr(P, '\x1f');
      if (P)
        *P++ = '\0';
    }
  }
  F.Static = strchr(Fields[0], 'S') != nullptr;
  F.File = Fields[1];
  F.Line = unsigned(strtoul(Fields[2], nullptr, 10));
  F.Column = unsigned(strtoul(Fields[3], nullptr, 10));
  F.Function = Fields[4];
  F.Api = Fields[5];
  return F;
}

static int compareSiteText(const void *A, const void *B) {
  return strcmp((*static_cast<SiteStats *const *>(A))->Text,
                (*static_cast<SiteStats *const *>(B))->Text);
}

static int compareEntries(const void *PA, const void *PB) {
  const Entry &A = *static_cast<const Entry *>(PA);
  const Entry &B = *static_cast<const Entry *>(PB);
  if (A.Leaked != B.Leaked)
    return A.Leaked > B.Leaked ? -1 : 1;
  if (int C = strcmp(A.Fields.File, B.Fields.File))
    return C;
  if (A.Fields.Line != B.Fields.Line)
    return A.Fields.Line < B.Fields.Line ? -1 : 1;
  if (A.Fields.Column != B.Fields.Column)
    return A.Fields.Column < B.Fields.Column ? -1 : 1;
  return strcmp(A.Fields.Function, B.Fields.Function);
}

static void mergeSite(Entry &E, const SiteStats &Site) {
  E.Leaked += Site.Leaked;
  E.Cached += Site.Cached;
  E.Heap += Site.Heap;
  E.HeapBytes += Site.HeapBytes;
  for (uint32_t I = 0; I < Site.Types.Size; ++I)
    E.Types.add(Site.Types.Types[I].Name, Site.Types.Types[I].Count,
                /*CopyName=*/false);
  E.Types.Other += Site.Types.Other;
  for (uint32_t I = 0; I < Site.Callers.Size; ++I) {
    const PythonCaller &C = Site.Callers.Callers[I];
    E.Callers.add(C.Function, C.File, C.Line, C.Count, /*CopyNames=*/false);
  }
  E.Callers.Other += Site.Callers.Other;
  if (!E.StackSite || Site.Leaked > E.StackSite->Leaked ||
      (E.StackSite->State != StackState::Captured &&
       Site.State == StackState::Captured))
    E.StackSite = &Site;
}

EntryList::EntryList() {
  const Vector<SiteStats *> &Sites = allSites();
  Vector<SiteStats *> Leaking;
  for (SiteStats *Site : Sites)
    if (Site->Leaked && !Leaking.push(Site))
      noteDropped();
  qsort(Leaking.Data, Leaking.Size, sizeof(SiteStats *), compareSiteText);
  for (uint32_t I = 0; I < Leaking.Size;) {
    Entry E = {};
    E.Fields = parseSite(Leaking.Data[I]->Text);
    uint32_t J = I;
    for (; J < Leaking.Size &&
           !strcmp(Leaking.Data[J]->Text, Leaking.Data[I]->Text);
         ++J)
      mergeSite(E, *Leaking.Data[J]);
    I = J;
    E.Suppression =
        matchLeakSuppression(E.Fields.Function, E.Fields.File, E.Fields.Api);
    if (E.Suppression >= 0) {
      Suppressed += E.Leaked;
      ++SuppressedSites;
    } else {
      Reported += E.Leaked;
      ++ReportedSites;
    }
    if (!Entries.push(E)) {
      freeString(E.Fields.Storage);
      noteDropped();
    }
  }
  Leaking.release();
  qsort(Entries.Data, Entries.Size, sizeof(Entry), compareEntries);
}

EntryList::~EntryList() {
  for (Entry &E : Entries)
    freeString(E.Fields.Storage);
  Entries.release();
}

//===----------------------------------------------------------------------===//
// Text report
//===----------------------------------------------------------------------===//

static const char *plural(uint64_t N, const char *One, const char *Many) {
  return N == 1 ? One : Many;
}

static int compareTypeCounts(const void *PA, const void *PB) {
  const TypeCount &A = *static_cast<const TypeCount *>(PA);
  const TypeCount &B = *static_cast<const TypeCount *>(PB);
  if (A.Count != B.Count)
    return A.Count > B.Count ? -1 : 1;
  return strcmp(A.Name, B.Name);
}

static void printStack(Writer &W, const Entry &E, const char *Indent,
                       bool Json) {
  const SiteStats &Site = *E.StackSite;
  char Line[1024];
  for (uint32_t I = 0; I < Site.StackSize; ++I) {
    if (I == 0) {
      // The descriptor is exact where symbolization would only be close.
      snprintf(Line, sizeof(Line), "#0 0x%lx in %s %s:%u:%u",
               static_cast<unsigned long>(Site.Stack[0]), E.Fields.Function,
               E.Fields.File, E.Fields.Line, E.Fields.Column);
    } else {
      char Where[768];
      describePc(Site.Stack[I], Where, sizeof(Where));
      snprintf(Line, sizeof(Line), "#%u 0x%lx %s", I,
               static_cast<unsigned long>(Site.Stack[I]), Where);
    }
    if (!Json) {
      W.print("%s%s\n", Indent, Line);
      continue;
    }
    W.print("%s", I ? ", " : "");
    W.printJsonString(Line);
  }
}

static void printEntry(Writer &W, Entry &E) {
  const SiteFields &F = E.Fields;
  W.print("  %llu %s created by %s at %s:%u:%u in %s%s\n",
          static_cast<unsigned long long>(E.Leaked),
          plural(E.Leaked, "reference", "references"), F.Api, F.File, F.Line,
          F.Column, F.Function, F.Static ? " (also reported statically)" : "");
  uint64_t Unclassified = E.Leaked - E.Cached - E.Heap;
  W.print("    %llu to cached or immortal objects, %llu to heap objects "
          "(%llu bytes)",
          static_cast<unsigned long long>(E.Cached),
          static_cast<unsigned long long>(E.Heap),
          static_cast<unsigned long long>(E.HeapBytes));
  if (Unclassified)
    W.print(", %llu unclassified (no Python in the process)",
            static_cast<unsigned long long>(Unclassified));
  W.print("\n");
  if (E.Types.Size || E.Types.Other) {
    qsort(E.Types.Types, E.Types.Size, sizeof(TypeCount), compareTypeCounts);
    W.print("    types:");
    for (uint32_t I = 0; I < E.Types.Size; ++I)
      W.print("%s %s %llu", I ? "," : "", E.Types.Types[I].Name,
              static_cast<unsigned long long>(E.Types.Types[I].Count));
    if (E.Types.Other)
      W.print("%s <other> %llu", E.Types.Size ? "," : "",
              static_cast<unsigned long long>(E.Types.Other));
    W.print("\n");
  }
  // First occurrence first: the test or function that leaked first.
  for (uint32_t I = 0; I < E.Callers.Size; ++I) {
    const PythonCaller &C = E.Callers.Callers[I];
    W.print("    %s Python caller: %s at %s:%u (%llu %s)\n",
            I ? "then" : "first", C.Function, C.File, C.Line,
            static_cast<unsigned long long>(C.Count),
            plural(C.Count, "reference", "references"));
  }
  if (E.Callers.Other)
    W.print("    and other Python callers (%llu references)\n",
            static_cast<unsigned long long>(E.Callers.Other));
  if (flags().print_stacks)
    printStack(W, E, "    ", /*Json=*/false);
}

static void printSuppressionsUsed(Writer &W, const EntryList &List) {
  const Vector<Suppression> &Rules = leakSuppressions();
  W.print("-----------------------------------------------------\n"
          "Suppressions used:\n"
          "  references  sites template\n");
  for (uint32_t I = 0; I < Rules.Size; ++I) {
    uint64_t References = 0;
    uint32_t Sites = 0;
    for (const Entry &E : List.Entries) {
      if (E.Suppression != int(I))
        continue;
      References += E.Leaked;
      ++Sites;
    }
    if (Sites)
      W.print("  %10llu %6u leak:%s\n",
              static_cast<unsigned long long>(References), Sites,
              Rules.Data[I].Text);
  }
  W.print("-----------------------------------------------------\n\n");
}

/// A report path for this process: '%p' in Template becomes the pid;
/// without one, ".<pid>" is appended when AlwaysPid (log_path) or in a
/// forked child, which would overwrite its parent's file (json_report).
static void expandPath(const char *Template, bool AlwaysPid, char *Buf,
                       size_t Size) {
  Writer W(Buf, Size);
  int Pid = int(getpid());
  bool HasPid = false;
  for (const char *P = Template; *P; ++P) {
    if (P[0] == '%' && P[1] == 'p') {
      W.print("%d", Pid);
      HasPid = true;
      ++P;
      continue;
    }
    W.write(P, 1);
  }
  if (!HasPid && (AlwaysPid || getpid() != initialPid()))
    W.print(".%d", Pid);
}

/// stderr, or <log_path>.<pid> (truncated the first time this process
/// writes it), or -1 when it cannot be opened.
static int openLog() {
  const char *Path = flags().log_path;
  if (!*Path || !strcmp(Path, "stderr"))
    return STDERR_FILENO;
  if (!strcmp(Path, "stdout"))
    return STDOUT_FILENO;
  static pid_t TruncatedFor = 0;
  pid_t Pid = getpid();
  char Name[4096];
  expandPath(Path, /*AlwaysPid=*/true, Name, sizeof(Name));
  int Mode = O_WRONLY | O_CREAT | O_CLOEXEC |
             (TruncatedFor == Pid ? O_APPEND : O_TRUNC);
  int Fd = open(Name, Mode, 0644);
  if (Fd < 0) {
    Writer W(STDERR_FILENO);
    W.print("==%d==WARNING: pyrefleak: cannot open log file '%s': %s\n",
            int(Pid), Name, strerror(errno));
    return STDERR_FILENO;
  }
  TruncatedFor = Pid;
  return Fd;
}

size_t printLeakReport(bool AtExit) {
  ScopedLock Lock(sitesMutex());
  EntryList List;
  const Flags &F = flags();
  int Pid = int(getpid());
  bool Quiet = !List.Reported && (!List.Suppressed || !F.print_suppressions);
  if (Quiet && F.verbosity < 1)
    return 0;
  int Fd = openLog();
  {
    Writer W(Fd);
    if (List.Suppressed && F.print_suppressions)
      printSuppressionsUsed(W, List);
    if (List.Reported) {
      W.print("==%d==ERROR: pyrefleak: leak: owned references never "
              "released\n\n",
              Pid);
      uint32_t Printed = 0;
      for (Entry &E : List.Entries) {
        if (E.Suppression >= 0)
          continue;
        if (F.max_reports && Printed == uint32_t(F.max_reports)) {
          W.print("  ... %u more leaking %s not shown (max_reports=%d)\n\n",
                  List.ReportedSites - Printed,
                  plural(List.ReportedSites - Printed, "site", "sites"),
                  F.max_reports);
          break;
        }
        printEntry(W, E);
        W.print("\n");
        ++Printed;
      }
    } else if (F.verbosity >= 1) {
      W.print("==%d==pyrefleak: no leaks found%s\n", Pid,
              AtExit ? " at exit" : "");
    }
    if (F.verbosity >= 1 && refutationActive())
      W.print("==%d==pyrefleak: %llu recorded leaked %s refuted: their "
              "objects were deallocated, so the records were wrong and are "
              "not counted\n",
              Pid, static_cast<unsigned long long>(refutedCount()),
              plural(refutedCount(), "reference", "references"));
    else if (F.verbosity >= 1)
      W.print("==%d==pyrefleak: no record could be refuted: this Python "
              "does not report deallocations (3.13+ does)\n",
              Pid);
    if (uint64_t Dropped = droppedCount())
      W.print("==%d==WARNING: pyrefleak: %llu events were not recorded (out "
              "of memory); counts are lower bounds\n",
              Pid, static_cast<unsigned long long>(Dropped));
    if (List.Reported)
      W.print("SUMMARY: pyrefleak: %llu leaked %s at %u %s\n",
              static_cast<unsigned long long>(List.Reported),
              plural(List.Reported, "reference", "references"),
              List.ReportedSites, plural(List.ReportedSites, "site", "sites"));
  }
  if (Fd > STDERR_FILENO)
    close(Fd);
  return size_t(List.Reported);
}

size_t countUnsuppressedLeaks() {
  ScopedLock Lock(sitesMutex());
  EntryList List;
  return size_t(List.Reported);
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

static void printJsonEntry(Writer &W, const Entry &E, bool Snapshot) {
  const SiteFields &F = E.Fields;
  W.print("{\"file\": ");
  W.printJsonString(F.File);
  W.print(", \"line\": %u, \"column\": %u, \"function\": ", F.Line, F.Column);
  W.printJsonString(F.Function);
  W.print(", \"api\": ");
  W.printJsonString(F.Api);
  W.print(", \"leaked_references\": %llu, \"cached_references\": %llu, "
          "\"heap_references\": %llu, \"unclassified_references\": %llu, "
          "\"heap_bytes\": %llu, \"types\": {",
          static_cast<unsigned long long>(E.Leaked),
          static_cast<unsigned long long>(E.Cached),
          static_cast<unsigned long long>(E.Heap),
          static_cast<unsigned long long>(E.Leaked - E.Cached - E.Heap),
          static_cast<unsigned long long>(E.HeapBytes));
  for (uint32_t I = 0; I < E.Types.Size; ++I) {
    W.print("%s", I ? ", " : "");
    W.printJsonString(E.Types.Types[I].Name);
    W.print(": %llu", static_cast<unsigned long long>(E.Types.Types[I].Count));
  }
  if (E.Types.Other)
    W.print("%s\"<other>\": %llu", E.Types.Size ? ", " : "",
            static_cast<unsigned long long>(E.Types.Other));
  W.print("}, \"python_callers\": [");
  for (uint32_t I = 0; I < E.Callers.Size; ++I) {
    const PythonCaller &C = E.Callers.Callers[I];
    W.print("%s{\"function\": ", I ? ", " : "");
    W.printJsonString(C.Function);
    W.print(", \"file\": ");
    W.printJsonString(C.File);
    W.print(", \"line\": %u, \"count\": %llu}", C.Line,
            static_cast<unsigned long long>(C.Count));
  }
  W.print("], \"static_finding\": %s", F.Static ? "true" : "false");
  if (Snapshot) {
    W.print(", \"suppressed\": %s}", E.Suppression >= 0 ? "true" : "false");
    return;
  }
  W.print(", \"stack\": [");
  if (flags().print_stacks)
    printStack(W, E, "", /*Json=*/true);
  W.print("]}");
}

void writeJsonReport(const char *PathTemplate) {
  char Path[4096];
  expandPath(PathTemplate, /*AlwaysPid=*/false, Path, sizeof(Path));
  // Written next to the target and renamed, so readers never see half.
  char Temp[4200];
  snprintf(Temp, sizeof(Temp), "%s.tmp.%d", Path, int(getpid()));
  int Fd = open(Temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (Fd < 0) {
    Writer W(STDERR_FILENO);
    W.print("==%d==WARNING: pyrefleak: cannot write JSON report '%s': %s\n",
            int(getpid()), Path, strerror(errno));
    return;
  }
  {
    ScopedLock Lock(sitesMutex());
    EntryList List;
    Writer W(Fd);
    W.print("{\"pid\": %d, \"leaked_references\": %llu, \"leaks\": [",
            int(getpid()), static_cast<unsigned long long>(List.Reported));
    bool First = true;
    for (const Entry &E : List.Entries) {
      if (E.Suppression >= 0)
        continue;
      W.print("%s\n  ", First ? "" : ",");
      printJsonEntry(W, E, /*Snapshot=*/false);
      First = false;
    }
    W.print("%s],\n \"suppressed\": {\"sites\": %u, \"references\": %llu},\n"
            " \"refuted_references\": %llu, \"refutation\": %s,\n"
            " \"dropped_events\": %llu}\n",
            First ? "" : "\n", List.SuppressedSites,
            static_cast<unsigned long long>(List.Suppressed),
            static_cast<unsigned long long>(refutedCount()),
            refutationActive() ? "true" : "false",
            static_cast<unsigned long long>(droppedCount()));
  }
  close(Fd);
  if (rename(Temp, Path) != 0) {
    Writer W(STDERR_FILENO);
    W.print("==%d==WARNING: pyrefleak: cannot write JSON report '%s': %s\n",
            int(getpid()), Path, strerror(errno));
    unlink(Temp);
  }
}

size_t writeSnapshot(char *Buf, size_t Size) {
  ScopedLock Lock(sitesMutex());
  EntryList List;
  Writer W(Buf, Size);
  W.print("{\"sites\": [");
  bool First = true;
  for (const Entry &E : List.Entries) {
    W.print("%s", First ? "" : ", ");
    printJsonEntry(W, E, /*Snapshot=*/true);
    First = false;
  }
  W.print("], \"dropped_events\": %llu}",
          static_cast<unsigned long long>(droppedCount()));
  return W.total();
}

//===----------------------------------------------------------------------===//
// Help and warnings
//===----------------------------------------------------------------------===//

static void formatValue(char *Buf, size_t Size, bool Value) {
  snprintf(Buf, Size, "%s", Value ? "true" : "false");
}

static void formatValue(char *Buf, size_t Size, int Value) {
  snprintf(Buf, Size, "%d", Value);
}

static void formatValue(char *Buf, size_t Size, const char *Value) {
  snprintf(Buf, Size, "\"%s\"", Value);
}

void printHelp() {
  Writer W(STDERR_FILENO);
  W.print("Available flags for pyrefleak (PYREFLEAK_OPTIONS="
          "name=value:name=value):\n");
  char Default[256];
  char Current[1024];
#define PYREFLEAK_FLAG(Type, Name, DefaultValue, Help)                         \
  formatValue(Default, sizeof(Default), static_cast<Type>(DefaultValue));      \
  formatValue(Current, sizeof(Current), flags().Name);                         \
  W.print("\t%s\n\t\t- %s (default: %s, current: %s)\n", #Name, Help, Default, \
          Current);
#include "flags.inc"
#undef PYREFLEAK_FLAG
}

void printStartup() {
  Writer W(STDERR_FILENO);
  W.print("==%d==pyrefleak: runtime initialized, %u leak suppression%s\n",
          int(getpid()), leakSuppressions().Size,
          leakSuppressions().Size == 1 ? "" : "s");
}

void reportUnknownFlag(const char *Source, const char *Name) {
  Writer W(STDERR_FILENO);
  W.print("==%d==WARNING: pyrefleak: unknown flag '%s' in %s (help=1 lists "
          "the flags)\n",
          int(getpid()), Name, Source);
}

void reportFlagOutOfRange(const char *Source, const char *Name, int Value,
                          int Min, int Max) {
  Writer W(STDERR_FILENO);
  W.print("==%d==ERROR: pyrefleak: flag '%s' in %s is %d, out of its range "
          "[%d, %d]; using its default\n",
          int(getpid()), Name, Source, Value, Min, Max);
}

void reportBadFlag(const char *Source, const char *Name, const char *Value) {
  Writer W(STDERR_FILENO);
  if (!Value) {
    W.print("==%d==WARNING: pyrefleak: '%s' in %s has no '=value'\n",
            int(getpid()), Name, Source);
    return;
  }
  W.print("==%d==WARNING: pyrefleak: bad value '%s' for flag '%s' in %s\n",
          int(getpid()), Value, Name, Source);
}

void reportSuppressionProblem(const char *Path, unsigned Line,
                              const char *Problem) {
  Writer W(STDERR_FILENO);
  if (!Line) {
    W.print("==%d==WARNING: pyrefleak: suppressions file '%s': %s\n",
            int(getpid()), Path, Problem);
    return;
  }
  W.print("==%d==WARNING: pyrefleak: suppressions file '%s', line %u: %s\n",
          int(getpid()), Path, Line, Problem);
}

} // namespace rt
} // namespace pyrefleak
