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

/* The hooks run around every reference an instrumented function touches,
 * so their common cases are inline: each is a few loads and stores on the
 * calling thread's ledger, whose leading fields below are part of the ABI
 * (runtime/lib/ledger.cpp keeps its own definition in step with
 * static_asserts, and explains the invariants). Every other case calls the
 * runtime, whose out-of-line functions implement each hook whole. */
typedef struct __pyrefleak_obligation {
  void *object; /* NULL once discharged below an open entry (a hole) */
  const char *site;
  unsigned int prev_same; /* the runtime's */
  /* Which variable of the frame holds it (0: none or unknown), so that a
   * release discharges that variable's record of a shared object. */
  unsigned int owner;
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
  /* Stores that found no obligation, waiting for the Py_INCREF that
   * often follows (`h->ref = arg; Py_INCREF(arg);`), in all frames. */
  unsigned int credits;
  /* Fields private to the runtime follow. */
} __pyrefleak_thread_ledger;

/* A frame: the obligations an instrumented function call owns. */
typedef struct __pyrefleak_frame {
  unsigned long mark;
} __pyrefleak_frame;

/* What instrumented code needs of libpyrefleak_rt.so, which it finds by
 * itself: whatever links the object (gcc, g++, meson, cmake), nothing has
 * to add the library. __pyrefleak_runtime_v3() returns the runtime's table;
 * the version in its name is the ABI of this header. */
typedef struct __pyrefleak_runtime_table {
  /* The calling thread's ledger is at this offset from the thread
   * pointer, the same in every thread (the runtime's TLS is static)... */
  long ledger_offset;
  /* ...or, where it is not static, here. */
  __pyrefleak_thread_ledger *(*ledger)(void);
  __pyrefleak_frame (*frame_enter_slow)(void);
  void (*frame_exit_slow)(__pyrefleak_frame *frame);
  void *(*acquire_slow)(void *obj, const char *site, unsigned int owner);
  void *(*discharge_slow)(void *obj, unsigned int owner);
  void *(*store_slow)(void *obj, unsigned int owner);
  void *(*retain_slow)(void *obj, const char *site, unsigned int owner);
  void *(*steal_pending)(void *obj, const char *site, unsigned int owner);
  long (*settle_status)(long status);
  void *(*settle_object)(void *result);
} __pyrefleak_runtime_table;

#ifdef __PYREFLEAK_RUNTIME_ITSELF
const __pyrefleak_runtime_table *__pyrefleak_runtime_v3(void);
#else
/* Weak: set when the object was linked with the runtime. */
extern const __pyrefleak_runtime_table *__pyrefleak_runtime_v3(void)
    __attribute__((__weak__));

/* One copy per shared object (weak, hidden), filled by the constructor
 * below before any instrumented function of the object runs. */
__attribute__((__weak__, __visibility__("hidden")))
__pyrefleak_runtime_table __pyrefleak_rt;

/* The C library's, under names of their own: this header comes before the
 * user's, so it includes none (that would fix the feature macros that
 * Python.h sets). */
void *__pyrefleak_dlopen(const char *, int) __asm__("dlopen");
void *__pyrefleak_dlsym(void *, const char *) __asm__("dlsym");
char *__pyrefleak_dlerror(void) __asm__("dlerror");
char *__pyrefleak_getenv(const char *) __asm__("getenv");
int __pyrefleak_dprintf(int, const char *, ...) __asm__("dprintf");
void __pyrefleak_exit(int) __asm__("_exit") __attribute__((__noreturn__));

/* Loads the runtime: the one the object was linked with, if it was; else
 * the one already loaded in the process (one ledger per process, whatever
 * pyrefleak built each object); else $PYREFLEAK_RUNTIME, else the library
 * pyrefleak-cc named at compile time (__PYREFLEAK_RUNTIME_PATH). Without
 * it the process cannot go on: the hooks have no ledger. Runs once per
 * object (every translation unit registers it). */
__attribute__((__weak__, __visibility__("hidden"), __constructor__(101),
               __used__)) void
__pyrefleak_load_runtime(void) {
  typedef const __pyrefleak_runtime_table *(*getter)(void);
  getter get = __pyrefleak_runtime_v3;
  const char *path;
  void *handle;
  if (__pyrefleak_rt.frame_enter_slow)
    return;
  if (!get) {
    handle = __pyrefleak_dlopen("libpyrefleak_rt.so",
                                2 | 4 /* RTLD_NOW | RTLD_NOLOAD */);
    if (handle)
      get = (getter)__pyrefleak_dlsym(handle, "__pyrefleak_runtime_v3");
  }
  if (!get) {
    path = __pyrefleak_getenv("PYREFLEAK_RUNTIME");
#ifdef __PYREFLEAK_RUNTIME_PATH
    if (!path || !*path)
      path = __PYREFLEAK_RUNTIME_PATH;
#endif
    if (!path || !*path) {
      __pyrefleak_dprintf(2, "pyrefleak: error: instrumented code was "
                             "compiled without the runtime's path and not "
                             "linked with it: compile with 'pyrefleak-cc "
                             "--instrument', link with -lpyrefleak_rt, or "
                             "set PYREFLEAK_RUNTIME to libpyrefleak_rt.so\n");
      __pyrefleak_exit(1);
    }
    handle = __pyrefleak_dlopen(path, 2 /* RTLD_NOW */);
    get = handle ? (getter)__pyrefleak_dlsym(handle, "__pyrefleak_runtime_v3")
                 : 0;
    if (!get) {
      const char *why = __pyrefleak_dlerror();
      __pyrefleak_dprintf(
          2,
          "pyrefleak: error: cannot load the runtime of instrumented code, "
          "%s: %s\npyrefleak: build it (the pyrefleak_rt target of "
          "pyrefleak), set PYREFLEAK_RUNTIME to the libpyrefleak_rt.so of "
          "the pyrefleak that instrumented this code, or rebuild without "
          "--instrument\n",
          path, why ? why : "no __pyrefleak_runtime_v3 in it (another "
                            "version of pyrefleak?)");
      __pyrefleak_exit(1);
    }
  }
  __pyrefleak_rt = *get();
}

#ifdef __PYREFLEAK_INITIAL_EXEC_TLS
#define __PYREFLEAK_LEDGER()                                                   \
  ((__pyrefleak_thread_ledger *)((char *)__builtin_thread_pointer() +          \
                                 __pyrefleak_rt.ledger_offset))
#else
#define __PYREFLEAK_LEDGER() (__pyrefleak_rt.ledger())
#endif

/* Inline only (gnu_inline): never emitted out of line, not even for the
 * annotation that marks them, so taking a hook's address does not link. */
#define __PYREFLEAK_HOOK                                                       \
  extern __inline__                                                            \
      __attribute__((__gnu_inline__, __always_inline__, __unused__))
#define __PYREFLEAK_LIKELY(x) __builtin_expect(!!(x), 1)

/* At entry of every instrumented function. */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK __pyrefleak_frame
__pyrefleak_frame_enter(void) {
  __pyrefleak_thread_ledger *l = __PYREFLEAK_LEDGER();
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
  return __pyrefleak_rt.frame_enter_slow();
}

/* Run as the frame variable's cleanup on every exit: obligations created in
 * the frame and still open are leaks, counted against their sites. */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void
__pyrefleak_frame_exit(__pyrefleak_frame *frame) {
  __pyrefleak_thread_ledger *l = __PYREFLEAK_LEDGER();
  unsigned long mark = frame->mark;
  if (__PYREFLEAK_LIKELY(mark != 0 && mark < l->frames_size &&
                       l->stack_size == l->frames[mark].base)) {
    l->pending_size = l->frames[mark].pending_base;
    l->frames_size = (unsigned int)mark;
    l->base = l->frames[mark - 1].base;
    return;
  }
  /* Leaks, the outermost frame, or a frame a longjmp skipped. */
  __pyrefleak_rt.frame_exit_slow(frame);
}

/* A new owned reference was produced at `site` (NULL is ignored), held by
 * variable `owner` of the frame (0: by none). */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_acquire(void *obj, const char *site, unsigned int owner) {
  __pyrefleak_thread_ledger *l = __PYREFLEAK_LEDGER();
  unsigned int size = l->stack_size;
  if (__PYREFLEAK_LIKELY(obj && l->frames_size && size != l->stack_capacity)) {
    l->stack[size].object = obj;
    l->stack[size].site = site;
    l->stack[size].owner = owner;
    l->stack_size = size + 1;
    return obj;
  }
  return __pyrefleak_rt.acquire_slow(obj, site, owner);
}

/* Discharges an open obligation for obj in the current frame, if there is
 * one: the newest held by `owner`, else the newest for obj; otherwise the
 * reference was borrowed or belongs to a caller. Inline when it is one of
 * the three newest entries of the frame, none of them in the runtime's
 * index and none a hole: the newest is popped; another is overwritten by
 * the newest, which keeps the order of the obligations for any one object
 * (the newest is moved below no other entry for its object). */
__PYREFLEAK_HOOK void *__pyrefleak_discharge(void *obj, unsigned int owner) {
  __pyrefleak_thread_ledger *l = __PYREFLEAK_LEDGER();
  __pyrefleak_obligation *stack = l->stack, *newest, *found;
  unsigned int size = l->stack_size, base = l->base, low, top;
  if (size == base || !obj)
    return obj;
  top = size - 1;
  low = base > l->indexed ? base : l->indexed;
  if (__PYREFLEAK_LIKELY(top >= low)) {
    newest = &stack[top];
    if (__PYREFLEAK_LIKELY(newest->object == obj)) {
      if (__PYREFLEAK_LIKELY(newest->owner == owner &&
                             (top == base || newest[-1].object))) {
        l->stack_size = top;
        return obj;
      }
    } else if (top > low && newest[-1].object == obj &&
               newest[-1].owner == owner) {
      found = &newest[-1];
      goto replace_by_newest;
    } else if (top > low + 1 && newest[-2].object == obj &&
               newest[-2].owner == owner && newest[-1].object &&
               newest[-1].object != newest->object &&
               newest[-1].object != obj) {
      found = &newest[-2];
      goto replace_by_newest;
    }
  }
  return __pyrefleak_rt.discharge_slow(obj, owner);
replace_by_newest:
  found->object = newest->object;
  found->site = newest->site;
  found->owner = newest->owner;
  l->stack_size = top;
  return obj;
}

/* One owned reference is released (Py_DECREF, Py_XDECREF, Py_CLEAR, ...). */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_release(void *obj, const char *site, unsigned int owner) {
  (void)site;
  return __pyrefleak_discharge(obj, owner);
}
/* One owned reference leaves the frame: returned to the caller, or given
 * to a callee that may keep it. */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_escape(void *obj, const char *site, unsigned int owner) {
  (void)site;
  return __pyrefleak_discharge(obj, owner);
}
/* A reference is kept where it outlives the frame: stored into a field, a
 * global or a slot, or stolen by a callee (PyList_SET_ITEM, "N"). When
 * the frame has no obligation for it, that place holds a credit for the
 * Py_INCREF that often follows (`h->ref = arg; Py_INCREF(arg);`). */
__PYREFLEAK_HOOK void *__pyrefleak_keep(void *obj, unsigned int owner) {
  __pyrefleak_thread_ledger *l = __PYREFLEAK_LEDGER();
  unsigned int size = l->stack_size, top = size - 1;
  if (__PYREFLEAK_LIKELY(size != l->base && top >= l->indexed &&
                         l->stack[top].object == obj &&
                         l->stack[top].owner == owner &&
                         (top == l->base || l->stack[top - 1].object))) {
    l->stack_size = top;
    return obj;
  }
  return __pyrefleak_rt.store_slow(obj, owner);
}
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_store(void *obj, const char *site, unsigned int owner) {
  (void)site;
  return __pyrefleak_keep(obj, owner);
}
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_steal(void *obj, const char *site, unsigned int owner) {
  (void)site;
  return __pyrefleak_keep(obj, owner);
}
/* Py_INCREF: a new owned reference, unless it settles a store's credit. */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_retain(void *obj, const char *site, unsigned int owner) {
  if (__PYREFLEAK_LIKELY(!__PYREFLEAK_LEDGER()->credits))
    return __pyrefleak_acquire(obj, site, owner);
  return __pyrefleak_rt.retain_slow(obj, site, owner);
}

/* Steals that happen only when the call succeeds (PyModule_AddObject):
 * the argument is wrapped in __pyrefleak_steal_pending, the call's result
 * in __pyrefleak_settle_status (failure is < 0) or __pyrefleak_settle_object
 * (failure is NULL), which discharge the pending steal on success and
 * drop it on failure. Rare: the runtime does it all. */
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_steal_pending(void *obj, const char *site, unsigned int owner) {
  return __pyrefleak_rt.steal_pending(obj, site, owner);
}
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK long
__pyrefleak_settle_status(long status) {
  return __pyrefleak_rt.settle_status(status);
}
PYREFLEAK_TRANSPARENT __PYREFLEAK_HOOK void *
__pyrefleak_settle_object(void *result) {
  return __pyrefleak_rt.settle_object(result);
}

#undef __PYREFLEAK_LIKELY
#undef __PYREFLEAK_HOOK
#undef __PYREFLEAK_LEDGER
#endif /* !__PYREFLEAK_RUNTIME_ITSELF */

#undef PYREFLEAK_TRANSPARENT

#ifdef __cplusplus
}
#endif

#endif /* PYREFLEAK_INSTRUMENT_H */
