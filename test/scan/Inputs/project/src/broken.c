#include "common.h"

int broken(PyObject *o {
  return 0;
}
