#!/usr/bin/env bash
# Cython 3 output for the test suite: installs the pinned Cython from PyPI
# into build/cython/pkg (nothing outside build/ changes) and compiles a few
# pure-Python modules of Debian's 3.11 standard library to C in build/cython.
# Cython's C is the same for every Python: the tests compile it against each
# header set. Safe to run again: it only does what is not done yet. Without
# PyPI it says so and leaves the Cython tests unsupported.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/build/cython"
cython_pin="cython==3.3.2"
modules=(bisect colorsys heapq textwrap)
mkdir -p "$out"

if [ ! -f "$out/pkg/.installed" ]; then
  rm -rf "$out/pkg"
  if ! /usr/bin/python3 -m pip install -q --disable-pip-version-check \
      --target "$out/pkg" "$cython_pin" >"$out/pip.log" 2>&1; then
    echo "pyrefleak: cannot install $cython_pin (see $out/pip.log): Cython tests skipped" >&2
    exit 0
  fi
  touch "$out/pkg/.installed"
fi
for module in "${modules[@]}"; do
  [ -f "$out/$module.c" ] && continue
  cp "/usr/lib/python3.11/$module.py" "$out/$module.py"
  PYTHONPATH="$out/pkg" /usr/bin/python3 -m cython -3 \
    "$out/$module.py" -o "$out/$module.c.new"
  mv "$out/$module.c.new" "$out/$module.c"
done
