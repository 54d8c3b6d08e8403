/* A plain C program, no Python in the process: the runtime must load, count
 * leaks of arbitrary pointers and report them as unclassified. */
#include <stdio.h>

#include "instrument_mimic.h"
#include "pyrefleak/interface.h"

#ifdef DEFAULT_OPTIONS
/* The program's own defaults; PYREFLEAK_OPTIONS still wins. */
const char *__pyrefleak_default_options(void) { return DEFAULT_OPTIONS; }
#endif

static int things[2];

static void work(int leak) {
  PRL_FRAME;
  __pyrefleak_acquire(&things[0], PRL_SITE("-", "work", "make_thing"), 0); /* SITE:work */
  __pyrefleak_acquire(&things[1], PRL_SITE("-", "work", "make_other"), 0);
  __pyrefleak_release(&things[1], PRL_SITE("-", "work", "drop_thing"), 0);
  if (!leak)
    __pyrefleak_escape(&things[0], PRL_SITE("-", "work", "return"), 0);
}

int main(void) {
  for (int i = 0; i < 10; i++)
    work(i % 2);
  printf("live=%zu sites=%zu\n", __pyrefleak_live_obligations(),
         __pyrefleak_site_count());
  return 0;
}
