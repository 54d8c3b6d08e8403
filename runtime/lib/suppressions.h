//===- suppressions.h - Suppression files -----------------------*- C++ -*-===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A suppressions file holds `kind:pattern` lines; `#` starts a comment.
/// The kind is the check suffix of the report banner (`leak`); lines of
/// other kinds are for other pyrefleak tools and are ignored here. Patterns
/// follow the sanitizers: a substring match unless anchored with '^' or
/// '$', with '*' matching any run of characters.
///
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RUNTIME_LIB_SUPPRESSIONS_H
#define PYREFLEAK_RUNTIME_LIB_SUPPRESSIONS_H

#include "common.h"

namespace pyrefleak {
namespace rt {

struct Suppression {
  const char *Text; // the pattern as written, for reports
  const char *Glob; // the pattern as a glob over the whole string
};

/// Reads Path (no-op when empty); problems are warned about.
void loadSuppressions(const char *Path);

/// The loaded `leak:` suppressions.
const Vector<Suppression> &leakSuppressions();

/// Index of the first leak suppression matching any of the site's fields
/// (the file also by its base name), or -1.
int matchLeakSuppression(const char *Function, const char *File,
                         const char *Api);

} // namespace rt
} // namespace pyrefleak

#endif // PYREFLEAK_RUNTIME_LIB_SUPPRESSIONS_H
