/*===- instrument_mimic.h - Hand-written instrumentation --------*- C -*-===*\
 *
 * Until the plugin instruments code, the runtime tests call the hooks of
 * pyrefleak/instrument.h exactly where `pyrefleak-cc --instrument` will:
 *   PRL_FRAME                        first statement of an instrumented
 *                                    function: its frame, closed by a cleanup
 *                                    on every exit
 *   PRL_NEW(fn, api, expr)           a call returning a new reference
 *   PRL_INCREF(fn, x)                Py_INCREF: a new owned reference
 *   PRL_DECREF(fn, x)                Py_DECREF: releases one
 *   PRL_STEAL(fn, api, x)            an argument a callee always steals
 *   PRL_ESCAPE(fn, x)                returned, or stored in longer-lived memory
 *   PRL_SETTLE_STATUS(call) / PRL_SETTLE_OBJECT(call) around a call whose
 *   argument is wrapped in PRL_STEAL_PENDING(fn, api, x)
 * `fn` is the enclosing function's name as a string literal (the plugin
 * writes it into the descriptor; __func__ is not a literal). PRL_*_S
 * variants mark the site as also reported by the static analysis.
\*===----------------------------------------------------------------------===*/

#ifndef PYREFLEAK_TEST_INSTRUMENT_MIMIC_H
#define PYREFLEAK_TEST_INSTRUMENT_MIMIC_H

#include "pyrefleak/instrument.h"

#define PRL_STR_(X) #X
#define PRL_STR(X) PRL_STR_(X)

/* Each \x1f ends its literal, so the next field can't extend the escape. */
#define PRL_SITE(Flags, Fn, Api)                                               \
  Flags "\x1f" __FILE__ "\x1f" PRL_STR(__LINE__) "\x1f"                        \
        "1\x1f" Fn "\x1f" Api

#define PRL_FRAME                                                              \
  __pyrefleak_frame __prl_frame __attribute__((cleanup(__pyrefleak_frame_exit))) = \
      __pyrefleak_frame_enter()

#define PRL_NEW(Fn, Api, Expr)                                                 \
  ((PyObject *)__pyrefleak_acquire((Expr), PRL_SITE("-", Fn, Api), 0))
#define PRL_NEW_S(Fn, Api, Expr)                                               \
  ((PyObject *)__pyrefleak_acquire((Expr), PRL_SITE("S", Fn, Api), 0))
#define PRL_INCREF(Fn, X)                                                      \
  do {                                                                         \
    Py_INCREF(X);                                                              \
    __pyrefleak_acquire((X), PRL_SITE("-", Fn, "Py_INCREF"), 0);                  \
  } while (0)
#define PRL_DECREF(Fn, X)                                                      \
  Py_DECREF((PyObject *)__pyrefleak_release((X), PRL_SITE("-", Fn, "Py_DECREF"), 0))
#define PRL_STEAL(Fn, Api, X)                                                  \
  ((PyObject *)__pyrefleak_steal((X), PRL_SITE("-", Fn, Api), 0))
#define PRL_ESCAPE(Fn, X)                                                      \
  ((PyObject *)__pyrefleak_escape((X), PRL_SITE("-", Fn, "return"), 0))
#define PRL_STEAL_PENDING(Fn, Api, X)                                          \
  ((PyObject *)__pyrefleak_steal_pending((X), PRL_SITE("-", Fn, Api), 0))
#define PRL_SETTLE_STATUS(Call) ((int)__pyrefleak_settle_status((long)(Call)))
#define PRL_SETTLE_OBJECT(Call) ((PyObject *)__pyrefleak_settle_object((Call)))

#endif /* PYREFLEAK_TEST_INSTRUMENT_MIMIC_H */
