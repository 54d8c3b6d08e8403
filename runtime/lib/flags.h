//===- flags.h - Runtime options --------------------------------*- C++ -*-===//
//
// Part of pyrefleak.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The Flags struct generated from flags.inc, and its parser.
///
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RUNTIME_LIB_FLAGS_H
#define PYREFLEAK_RUNTIME_LIB_FLAGS_H

namespace pyrefleak {
namespace rt {

struct Flags {
#define PYREFLEAK_FLAG(Type, Name, Default, Help) Type Name = Default;
#include "flags.inc"
#undef PYREFLEAK_FLAG
};

/// The process-wide options; valid after initFlags().
Flags &flags();

/// Applies __pyrefleak_default_options() then PYREFLEAK_OPTIONS on top of
/// the defaults. Unknown names and bad values are warned about and skipped.
void initFlags();

} // namespace rt
} // namespace pyrefleak

#endif // PYREFLEAK_RUNTIME_LIB_FLAGS_H
