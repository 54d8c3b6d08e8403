//===- report.h - Everything the runtime prints -----------------*- C++ -*-===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The only place that writes text: leak reports, JSON, snapshots, help and
/// warnings. Reports read only what the ledger recorded; they never call
/// into Python, which may be finalized by the time they run.
///
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RUNTIME_LIB_REPORT_H
#define PYREFLEAK_RUNTIME_LIB_REPORT_H

#include <stddef.h>

namespace pyrefleak {
namespace rt {

/// Prints the text report (stderr or <log_path>.<pid>) of the leaks so far
/// and returns the number of unsuppressed leaked references. AtExit only
/// changes what is said when nothing leaked.
size_t printLeakReport(bool AtExit);

/// Unsuppressed leaked references so far, without printing.
size_t countUnsuppressedLeaks();

/// Writes the JSON report to the json_report path (see flags.inc for '%p'
/// and forked children).
void writeJsonReport(const char *PathTemplate);

/// JSON snapshot of every leaking site into Buf, snprintf-style.
size_t writeSnapshot(char *Buf, size_t Size);

void printHelp();
void printStartup();

/// Option and suppression problems (warnings on stderr). A null Value means
/// the entry had no '=value'.
void reportUnknownFlag(const char *Source, const char *Name);
void reportBadFlag(const char *Source, const char *Name, const char *Value);
void reportFlagOutOfRange(const char *Source, const char *Name, int Value,
                          int Min, int Max);
void reportSuppressionProblem(const char *Path, unsigned Line,
                              const char *Problem);

} // namespace rt
} // namespace pyrefleak

#endif // PYREFLEAK_RUNTIME_LIB_REPORT_H
