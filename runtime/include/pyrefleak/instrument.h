/*===- pyrefleak/instrument.h - Ledger entry points -------------*- C -*-===*\
 *
 * The calls `pyrefleak-cc --instrument` inserts into instrumented code. The
 * compiler force-includes this header; user code never calls these directly.
 *
 * Each site is a string literal, a static descriptor of the source place:
 *   "<flags>\x1f<file>\x1f<line>\x1f<column>\x1f<function>\x1f<api>"
 * where <flags> is "S" when the static analysis reported that site during
 * the same compile and "-" otherwise. The literal's address identifies the
 * site; its text is parsed only when a report is printed.
 *
 * Every hook returns its object argument unchanged so that it can wrap the
 * expression that produced it. The hooks are annotated
 * "pyrefleak::transparent": the compiler plugin finds them by that mark (and
 * their names), and its analyses, which run on the instrumented code, read a
 * call to one as its first argument and nothing else (no reference or
 * exception changes hands). A system header, so that the user's warning
 * flags do not apply to the inline hooks.
\*===----------------------------------------------------------------------===*/

#ifndef PYREFLEAK_INSTRUMENT_H
#define PYREFLEAK_INSTRUMENT_H

#pragma GCC system_header

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__clang__)
#define PYREFLEAK_TRANSPARENT                                                  \
  __attribute__((annotate("pyrefleak::transparent")))
#else
#define PYREFLEAK_TRANSPARENT
#endif

/* Referenced by every instrumented function so that objects built for
 * another ledger ABI fail to link. */
extern const int __pyrefleak_abi_v2;

/* The hooks run around every reference an instrumented function touches,
 * so their common cases are inline: each is a few loads and stores on the
 * calling thread's ledger, whose leading fields below are part of the ABI
 * (runtime/lib/ledger.cpp keeps its own definition in step with
 * static_asserts, and explains the invariants). Every other case calls the
 * runtime, whose out-of-line *_slow functions implement each hook whole. */
typedef struct __pyrefleak_obligation {
  void *object; /* NULL once discharged below an open entry (a hole) */
  const char *site;
  unsigned int prev_same; /* the runtime's */
} __pyrefleak_obligation;

typedef struct __pyrefleak_frame_record {
  unsigned int base;         /* first obligation of the frame */
  unsigned int pending_base; /* first pending steal of the frame */
} __pyrefleak_frame_record;

typedef struct __pyrefleak_thread_ledger {
  __pyrefleak_obligation *stack;
  unsigned int stack_size, stack_capacity;
  unsigned int base;    /* first obligation of the current frame */
  unsigned int indexed; /* stack[0, indexed) is in the runtime's index */
  unsigned int holes;
  __pyrefleak_frame_record *frames;
  unsigned int frames_size, frames_capacity;
  void **pending;
  unsigned int pending_size, pending_capacity;
  /* Fields private to the runtime follow. */
} __pyrefleak_thread_ledger;

/* Defined (larger) by the runtime. With __PYREFLEAK_INITIAL_EXEC_TLS,
 * which pyrefleak-cc defines where the runtime is built for it (glibc),
 * an access is %fs-relative rather than a call: see runtime/CMakeLists.txt
 * for when that is safe. */
#ifdef __PYREFLEAK_INITIAL_EXEC_TLS
extern __thread __pyrefleak_thread_ledger __pyrefleak_ledger
    __attribute__((__tls_model__("initial-exec")));
#else
extern __thread __pyrefleak_thread_ledger __pyrefleak_ledger;
#endif

/* A frame: the obligations an instrumented function call owns. */
typedef struct __pyrefleak_frame {
  unsigned long mark;
} __pyrefleak_frame;

__pyrefleak_frame __pyrefleak_frame_enter_slow(const int *abi);
void __pyrefleak_frame_exit_slow(__pyrefleak_frame *frame);
void *__pyrefleak_acquire_slow(void *obj, const char *site);
void *__pyrefleak_discharge_slow(void *obj);

/* Inline only (gnu_inline): never emitted out of line, not even for the
 * annotation that marks them, so taking a hook's address does not link. */
#define __PYREFLEAK_HOOK                                                       \
  extern __inline__                                                            \
      __attribute__((__gnu_inline__, __always_inline__, __unused__))
#define __PYREFLEAK_LIKELY(x) __builtin_expect(!!(x), 1)

/* At entry of every instrumented function; `abi` is &__pyrefleak_abi_v2. */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK __pyrefleak_frame
__pyrefleak_frame_enter(const int *abi) {
  __pyrefleak_thread_ledger *l = &__pyrefleak_ledger;
  unsigned int depth = l->frames_size;
  __pyrefleak_frame frame;
  if (__PYREFLEAK_LIKELY(depth != l->frames_capacity)) {
    l->frames[depth].base = l->stack_size;
    l->frames[depth].pending_base = l->pending_size;
    l->frames_size = depth + 1;
    l->base = l->stack_size;
    frame.mark = depth;
    return frame;
  }
  /* The thread's first frame, or a full frame stack. */
  return __pyrefleak_frame_enter_slow(abi);
}

/* Run as the frame variable's cleanup on every exit: obligations created in
 * the frame and still open are leaks, counted against their sites. */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void
__pyrefleak_frame_exit(__pyrefleak_frame *frame) {
  __pyrefleak_thread_ledger *l = &__pyrefleak_ledger;
  unsigned long mark = frame->mark;
  if (__PYREFLEAK_LIKELY(mark != 0 && mark < l->frames_size &&
                       l->stack_size == l->frames[mark].base)) {
    l->pending_size = l->frames[mark].pending_base;
    l->frames_size = (unsigned int)mark;
    l->base = l->frames[mark - 1].base;
    return;
  }
  /* Leaks, the outermost frame, or a frame a longjmp skipped. */
  __pyrefleak_frame_exit_slow(frame);
}

/* A new owned reference was produced at `site` (NULL is ignored). */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_acquire(void *obj, const char *site) {
  __pyrefleak_thread_ledger *l = &__pyrefleak_ledger;
  unsigned int size = l->stack_size;
  if (__PYREFLEAK_LIKELY(obj && l->frames_size && size != l->stack_capacity)) {
    l->stack[size].object = obj;
    l->stack[size].site = site;
    l->stack_size = size + 1;
    return obj;
  }
  return __pyrefleak_acquire_slow(obj, site);
}

/* Discharges the newest open obligation for obj in the current frame, if
 * there is one; otherwise the reference was borrowed or belongs to a
 * caller. Inline when it is one of the three newest entries of the frame,
 * none of them in the runtime's index and none a hole: the newest is
 * popped; another is overwritten by the newest, which keeps the order of
 * the obligations for any one object (the newest is moved below no other
 * entry for its object), the only order the ledger relies on. */
__PYREFLEAK_HOOK void *__pyrefleak_discharge(void *obj) {
  __pyrefleak_thread_ledger *l = &__pyrefleak_ledger;
  __pyrefleak_obligation *stack = l->stack, *newest, *found;
  unsigned int size = l->stack_size, base = l->base, low, top;
  if (size == base || !obj)
    return obj;
  top = size - 1;
  low = base > l->indexed ? base : l->indexed;
  if (__PYREFLEAK_LIKELY(top >= low)) {
    newest = &stack[top];
    if (__PYREFLEAK_LIKELY(newest->object == obj)) {
      if (__PYREFLEAK_LIKELY(top == base || newest[-1].object)) {
        l->stack_size = top;
        return obj;
      }
    } else if (top > low && newest[-1].object == obj) {
      found = &newest[-1];
      goto replace_by_newest;
    } else if (top > low + 1 && newest[-2].object == obj &&
               newest[-1].object && newest[-1].object != newest->object) {
      found = &newest[-2];
      goto replace_by_newest;
    }
  }
  return __pyrefleak_discharge_slow(obj);
replace_by_newest:
  found->object = newest->object;
  found->site = newest->site;
  l->stack_size = top;
  return obj;
}

/* One owned reference is released (Py_DECREF, Py_XDECREF, Py_CLEAR, ...). */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_release(void *obj, const char *site) {
  (void)site;
  return __pyrefleak_discharge(obj);
}
/* One owned reference is stolen by a callee (PyList_SET_ITEM, "N"). */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_steal(void *obj, const char *site) {
  (void)site;
  return __pyrefleak_discharge(obj);
}
/* One owned reference leaves the frame: returned to the caller, or stored
 * into memory that outlives the frame (a field, a global, an array). */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_escape(void *obj, const char *site) {
  (void)site;
  return __pyrefleak_discharge(obj);
}

#undef __PYREFLEAK_LIKELY
#undef __PYREFLEAK_HOOK

/* Steals that happen only when the call succeeds (PyModule_AddObject):
 * the argument is wrapped in __pyrefleak_steal_pending, the call's result
 * in __pyrefleak_settle_status (failure is < 0) or __pyrefleak_settle_object
 * (failure is NULL), which discharge the pending steal on success and
 * drop it on failure. Rare, so always out of line. */
PYREFLEAK_TRANSPARENT void *__pyrefleak_steal_pending(void *obj,
                                                      const char *site);
PYREFLEAK_TRANSPARENT long __pyrefleak_settle_status(long status);
PYREFLEAK_TRANSPARENT void *__pyrefleak_settle_object(void *result);

#undef PYREFLEAK_TRANSPARENT

#ifdef __cplusplus
}
#endif

#endif /* PYREFLEAK_INSTRUMENT_H */
