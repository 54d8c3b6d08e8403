#!/usr/bin/env bash
# Finds or unpacks the CPython header sets (and interpreters, where there are
# real ones) that the test suite checks against, and writes them to
# build/pythons/manifest.tsv, one line each: NAME, include directory,
# interpreter with pytest (empty: headers only). Nothing outside build/ is
# changed: interpreters come from Debian (3.11) and pyenv's installed
# versions (never its shims), missing header sets from Debian packages of
# other suites, downloaded through a private apt configuration and unpacked
# with dpkg -x. Safe to run again: it only does what is not done yet.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/build/pythons"
mkdir -p "$out"
# Pinned: what the runtime's pytest suite runs under on every interpreter.
pytest_pin="pytest==8.3.5"

# Debian suites holding the header packages that bookworm lacks.
declare -A debian_suite=([3.9]=bullseye [3.13]=trixie [3.14]=sid)
source "$root/utils/debian-suites.sh"

# Unpacks libpythonX.Y-dev of the suite that has it into $out/debian-X.Y and
# flattens its headers (the multiarch pyconfig.h included) into one
# directory, as an installed Python lays them out.
debian_headers() {
  local version=$1 suite=${debian_suite[$1]:-}
  local flat="$out/debian-$version/include/python$version"
  if [ ! -f "$flat/Python.h" ]; then
    [ -n "$suite" ] || return 1
    local unpacked="$out/debian-$version/root"
    if [ ! -d "$unpacked/usr/include/python$version" ]; then
      debian_apt update >/dev/null
      local deb_dir="$out/debian-$version/debs"
      mkdir -p "$deb_dir"
      # As root, apt warns that its sandbox user cannot write here: harmless.
      (cd "$deb_dir" &&
        debian_apt download "libpython$version-dev/$suite" >/dev/null 2>&1) || return 1
      for deb in "$deb_dir"/*.deb; do dpkg -x "$deb" "$unpacked"; done
    fi
    mkdir -p "$flat"
    cp -r "$unpacked/usr/include/python$version/." "$flat/"
    cp "$unpacked/usr/include/x86_64-linux-gnu/python$version/pyconfig.h" "$flat/pyconfig.h"
  fi
  echo "$flat"
}

# A real interpreter of VERSION: Debian's for 3.11, else pyenv's newest
# installed X.Y.* (its binary, not the shim).
interpreter() {
  local version=$1 candidate
  if [ "$version" = 3.11 ] && [ -x /usr/bin/python3.11 ]; then
    echo /usr/bin/python3.11
    return
  fi
  local pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
  for candidate in $(ls -d "$pyenv_root/versions/$version".* 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/bin/python$version" ]; then
      echo "$candidate/bin/python$version"
      return
    fi
  done
  return 1
}

# The interpreter's own headers, when it was installed with them.
interpreter_headers() {
  "$1" -c 'import sysconfig, os; d = sysconfig.get_paths()["include"]
print(d if os.path.isfile(os.path.join(d, "Python.h")) else "")'
}

# A venv of the interpreter with pytest; Debian's python3 has python3-pytest.
with_pytest() {
  local python=$1 version=$2
  if "$python" -c 'import pytest' 2>/dev/null; then
    echo "$python"
    return
  fi
  local venv="$out/venv-$version"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pytest' 2>/dev/null; then
    "$python" -m venv "$venv" >/dev/null
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$pytest_pin" \
      >"$venv/pip.log" 2>&1 || { cat "$venv/pip.log" >&2; return 1; }
  fi
  echo "$venv/bin/python"
}

manifest="$out/manifest.tsv.new"
: >"$manifest"
for version in 3.9 3.10 3.11 3.12 3.13 3.14; do
  include="" python=""
  if python=$(interpreter "$version"); then
    include=$(interpreter_headers "$python")
    if [ -n "$include" ]; then
      python=$(with_pytest "$python" "$version") ||
        { echo "pyrefleak: cannot install $pytest_pin for $python" >&2; python=""; }
    else
      python=""
    fi
  fi
  if [ -z "$include" ]; then
    include=$(debian_headers "$version") ||
      { echo "pyrefleak: no headers for Python $version (skipped)" >&2; continue; }
  fi
  printf '%s\t%s\t%s\n' "$version" "$include" "$python" >>"$manifest"
  # The free-threaded build's headers are the same files with
  # Py_GIL_DISABLED defined in pyconfig.h, as a 3.13t/3.14t install has it.
  if [ "$version" = 3.14 ]; then
    ft="$out/free-threaded-$version/include/python${version}t"
    if [ ! -f "$ft/pyconfig.h" ]; then
      mkdir -p "$ft"
      cp -r "$include/." "$ft/"
      sed -i 's|^/\* #undef Py_GIL_DISABLED \*/$|#define Py_GIL_DISABLED 1|' "$ft/pyconfig.h"
      grep -q '^#define Py_GIL_DISABLED 1' "$ft/pyconfig.h"
    fi
    printf '%s\t%s\t\n' "${version}t" "$ft" >>"$manifest"
  fi
done
mv "$manifest" "$out/manifest.tsv"
