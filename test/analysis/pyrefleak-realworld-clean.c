// A thousand lines of correct extension code (Inputs/tally.c): a GC'd type
// with methods, getters, number, sequence and mapping slots, an iterator
// type, keyword parsing, goto cleanup, PyIter_Next and PyDict_Next loops,
// PyErr_Fetch/Restore, Py_SETREF and multi-phase initialisation. Not one
// finding, plain or instrumented.
// RUN: %clang_verify %S/Inputs/tally.c
// RUN: %clang_instrument_verify %S/Inputs/tally.c
