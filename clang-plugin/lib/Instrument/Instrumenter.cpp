//===- Instrumenter.cpp - Insert the run-time ledger's calls --------------===//
// Placeholder until the instrumentation lands: leaves bodies untouched.
#include "pyrefleak/Instrument/Instrumenter.h"

using namespace pyrefleak::instrument;

struct Instrumenter::Impl {};
Instrumenter::Instrumenter(clang::ASTContext &, analysis::SummaryManager &)
    : State(nullptr) {}
Instrumenter::~Instrumenter() = default;
void Instrumenter::instrument(clang::FunctionDecl &) {}
