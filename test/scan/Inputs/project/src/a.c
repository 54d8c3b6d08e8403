#include "common.h"

int record_line(PyObject *lines, long lineno) {
  if (remember(lines, lineno) < 0)
    return -1;
  return PyList_Append(lines, PyUnicode_FromString("line"));
}
