//===- runtime.cpp - Initialization, exit and the reporting API -----------===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Initialization runs once, from the first hook or API call. It registers
/// the exit report (so it runs after Py_Finalize, from the C exit path) and
/// fork handlers that keep the site table's mutex usable in a child.
///
//===----------------------------------------------------------------------===//

#include "runtime.h"
#include "classify.h"
#include "flags.h"
#include "ledger.h"
#include "report.h"
#include "sites.h"
#include "suppressions.h"

#include "pyrefleak/instrument.h"
#include "pyrefleak/interface.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

// Every exported symbol is declared by a public header.
#define PYREFLEAK_INTERFACE_FUNCTION(Name) static_assert(sizeof(&Name), #Name);
#define PYREFLEAK_INTERFACE_WEAK_FUNCTION(Name)                                \
  static_assert(sizeof(&Name), #Name);
#define PYREFLEAK_INTERFACE_DATA(Name) static_assert(sizeof(Name), #Name);
#include "interface.inc"
#undef PYREFLEAK_INTERFACE_FUNCTION
#undef PYREFLEAK_INTERFACE_WEAK_FUNCTION
#undef PYREFLEAK_INTERFACE_DATA

namespace pyrefleak {
namespace rt {

std::atomic<bool> Initialized{false};
static pthread_once_t InitOnce = PTHREAD_ONCE_INIT;
static pthread_key_t ThreadExitKey;
static pid_t InitPid;

pthread_key_t threadExitKey() { return ThreadExitKey; }
pid_t initialPid() { return InitPid; }

static void onExit() {
  const Flags &F = flags();
  size_t Leaked = F.report_at_exit ? printLeakReport(/*AtExit=*/true)
                                   : countUnsuppressedLeaks();
  if (*F.json_report)
    writeJsonReport(F.json_report);
  if (!Leaked || !F.exitcode)
    return;
  // Like the sanitizers: the status says leaks were found. Flush what the
  // program buffered, since _exit skips it.
  fflush(nullptr);
  _exit(F.exitcode);
}

static void initializeOnce() {
  InitPid = getpid();
  initFlags();
  if (flags().help)
    printHelp();
  loadSuppressions(flags().suppressions);
  initClassifier();
  pthread_key_create(&ThreadExitKey, releaseThreadLedger);
  pthread_atfork(sitesPrepareFork, sitesParentAfterFork, sitesChildAfterFork);
  atexit(onExit);
  if (flags().verbosity >= 1)
    printStartup();
  Initialized.store(true, std::memory_order_release);
}

void initialize() { pthread_once(&InitOnce, initializeOnce); }

} // namespace rt
} // namespace pyrefleak

using namespace pyrefleak::rt;

PYREFLEAK_INTERFACE size_t __pyrefleak_report() {
  ensureInitialized();
  return printLeakReport(/*AtExit=*/false);
}

PYREFLEAK_INTERFACE size_t __pyrefleak_snapshot(char *Buf, size_t Size) {
  ensureInitialized();
  return writeSnapshot(Buf, Size);
}

PYREFLEAK_INTERFACE size_t __pyrefleak_live_obligations() {
  return liveObligations();
}

PYREFLEAK_INTERFACE size_t __pyrefleak_site_count() { return siteCount(); }

PYREFLEAK_INTERFACE size_t __pyrefleak_allocated_bytes() {
  return allocatedBytes();
}
