/* Random acquire/release/frame sequences on the runtime and on a naive
 * model of the ledger (a linear scan of the current frame for the newest
 * entry of the object held by the same owner, else of the object), in one process
 * without Python. Prints the model's leak count per site; the test checks
 * the runtime's JSON report against it.
 * usage: ledger_model SEED OPERATIONS */
#include <stdio.h>
#include <stdlib.h>

#include "instrument_mimic.h"
#include "pyrefleak/interface.h"

#define NOBJECTS 24
#define NSITES 6
#define NOWNERS 3

static const char *const sites[NSITES] = {
    PRL_SITE("-", "model", "s0"), PRL_SITE("-", "model", "s1"),
    PRL_SITE("-", "model", "s2"), PRL_SITE("-", "model", "s3"),
    PRL_SITE("-", "model", "s4"), PRL_SITE("-", "model", "s5")};
static int objects[NOBJECTS];

struct entry {
  int object, site, owner, live;
};
static struct entry *model;
static long model_size;
static unsigned long long model_leaks[NSITES];
static unsigned long long rng;

static unsigned next(void) {
  rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)(rng >> 33);
}

/* Returns whether an obligation was discharged. */
static int model_release(long base, int object, int owner) {
  long fallback = -1;
  for (long i = model_size - 1; i >= base; i--) {
    if (!model[i].live || model[i].object != object)
      continue;
    if (model[i].owner == owner) {
      model[i].live = 0;
      return 1;
    }
    if (fallback < 0)
      fallback = i;
  }
  if (fallback >= 0)
    model[fallback].live = 0;
  return fallback >= 0;
}

static void frame(int depth, long *budget) {
  PRL_FRAME;
  long base = model_size;
  /* Stores and steals of objects the frame owns no reference to, which a
   * later Py_INCREF (retain) of the object settles. */
  int credits[NOBJECTS] = {0};
  /* Outer frames mostly hold references, inner ones mostly churn. */
  unsigned acquire = depth == 0 ? 46 : 40;
  while (*budget > 0) {
    --*budget;
    unsigned r = next() % 100;
    int object = (int)(next() % NOBJECTS);
    int owner = (int)(next() % NOWNERS);
    if (r < acquire) {
      int site = (int)(next() % NSITES);
      if (r % 4 == 0) {
        __pyrefleak_retain(&objects[object], sites[site], (unsigned)owner);
        if (credits[object]) {
          credits[object]--;
          continue;
        }
      } else {
        __pyrefleak_acquire(&objects[object], sites[site], (unsigned)owner);
      }
      model[model_size++] = (struct entry){object, site, owner, 1};
    } else if (r < 90) {
      int keep = r % 4 >= 2;
      if (r % 4 == 0)
        __pyrefleak_release(&objects[object], "release", (unsigned)owner);
      else if (r % 4 == 1)
        __pyrefleak_escape(&objects[object], "escape", (unsigned)owner);
      else if (r % 4 == 2)
        __pyrefleak_steal(&objects[object], "steal", (unsigned)owner);
      else
        __pyrefleak_store(&objects[object], "store", (unsigned)owner);
      if (!model_release(base, object, owner) && keep)
        credits[object]++;
    } else if (r < 93) {
      /* A steal that happens only if the call succeeds. */
      int ok = next() % 2;
      __pyrefleak_steal_pending(&objects[object], "pending", 0);
      __pyrefleak_settle_status(ok ? 0 : -1);
      if (ok)
        model_release(base, object, 0);
    } else if (r < 97) {
      if (depth < 8)
        frame(depth + 1, budget);
    } else if (depth > 0) {
      break;
    }
  }
  for (long i = base; i < model_size; i++)
    if (model[i].live)
      model_leaks[model[i].site]++;
  model_size = base;
}

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  rng = strtoull(argv[1], NULL, 10);
  long budget = atol(argv[2]);
  model = malloc(sizeof(*model) * (size_t)budget);
  if (!model)
    return 2;
  while (budget > 0)
    frame(0, &budget);
  for (int i = 0; i < NSITES; i++)
    printf("s%d %llu\n", i, model_leaks[i]);
  return __pyrefleak_live_obligations() != 0;
}
